//! `/quan-tri/bao-cao?cuoc-thi=ID`: the Department's report, laid out for
//! printing (the browser's "In" saves it as PDF): the national heading, the
//! weekly per-unit participation table and the reform-index scoring table,
//! with .xlsx downloads and the rubric editor (hidden when printed).
use super::rubric::{Band, Rubric};
use super::*;
use crate::error::AppError;
use crate::ui::{contest_resource, ContestPicker, Refused};
use leptos::prelude::*;
use leptos_meta::Title;

/// "80:1,5; 50:1" → bands (threshold:points, separated by ; or spaces).
pub fn parse_bands(text: &str) -> Result<Vec<Band>, String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| {
            let (min, points) = part
                .split_once(':')
                .ok_or_else(|| format!("“{part}”: viết dạng ngưỡng:điểm, ví dụ 80:1,5."))?;
            let num = |s: &str| s.trim().trim_end_matches('%').replace(',', ".").parse::<f64>();
            Ok(Band {
                min: num(min).map_err(|_| format!("“{part}”: ngưỡng phải là số."))?,
                points: num(points).map_err(|_| format!("“{part}”: điểm phải là số."))?,
            })
        })
        .collect()
}

fn bands_text(bands: &[Band]) -> String {
    bands.iter().map(|b| format!("{}:{}", b.min, b.points)).collect::<Vec<_>>().join("; ")
}

fn num(x: Option<f64>) -> String {
    x.map(|v| crate::format::decimal(v, 1)).unwrap_or_default()
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = contest_resource(version, |id| async move {
        Ok::<_, AppError>((admin_weekly_report(id).await?, admin_reform_index(id).await?))
    });
    view! {
        <Title text="Báo cáo Sở Nội vụ"/>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((contests, reports)) => view! {
                        <ContestPicker title="Báo cáo" base="/quan-tri/bao-cao" contests=contests/>
                        {reports.map(|(weekly, index)| view! { <Report weekly=weekly index=index version=version/> })}
                    }.into_any(),
                    Err(error) => view! { <Refused error=error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(weekly: WeeklyReport, index: ReformIndex, version: RwSignal<u32>) -> impl IntoView {
    let id = weekly.contest_id;
    let print = move |_| {
        let _ = window().print();
    };
    let rounds = weekly.round_titles.clone();
    view! {
        <section class="card no-print">
            <p>"Tải xuống: "
                <a href=format!("{}?contest_id={id}", "/api/admin/reports/weekly.xlsx") download>"Bảng tham gia theo tuần (.xlsx)"</a> " · "
                <a href=format!("{}?contest_id={id}", "/api/admin/reports/reform-index.xlsx") download>"Bảng điểm Chỉ số CCHC (.xlsx)"</a> " · "
                <button type="button" on:click=print>"In / lưu PDF"</button></p>
        </section>
        <article class="card report">
            <header class="report-heading">
                <div class="left"><strong>{weekly.organizer_name.clone()}</strong></div>
                <div class="right"><strong>"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong><br/><u>"Độc lập - Tự do - Hạnh phúc"</u>
                    <p><em>{format!("Ngày {}", weekly.made_on)}</em></p></div>
            </header>
            <h1 class="report-title">"BÁO CÁO"<br/>{format!("Kết quả tham gia {} theo từng tuần", weekly.title)}</h1>
            <table class="schedule report-table weekly">
                <thead>
                    <tr><th rowspan="2">"Đơn vị"</th><th rowspan="2">"Biên chế"</th>
                        {rounds.iter().map(|t| view! { <th colspan="2">{t.clone()}</th> }).collect_view()}
                        <th colspan="2">"Cả cuộc thi"</th></tr>
                    <tr>{rounds.iter().chain(std::iter::once(&String::new())).map(|_| view! { <th>"Thí sinh"</th><th>"Tỷ lệ %"</th> }).collect_view()}</tr>
                </thead>
                <tbody>{weekly.rows.into_iter().filter(|r| r.depth <= 2).map(|r| view! {
                    <tr class:agency=r.depth == 1>
                        <td style=format!("padding-left: {}em", 0.3 + r.depth as f32)>{r.unit_name}</td>
                        <td>{crate::format::count(r.headcount)}</td>
                        {r.weeks.into_iter().map(|(c, p)| view! { <td>{crate::format::count(c)}</td><td>{num(p)}</td> }).collect_view()}
                        <td>{crate::format::count(r.contestants)}</td><td>{num(r.participation_pct)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            <p class="hint">"Số liệu của đơn vị cấp trên gồm cả các đơn vị trực thuộc. Bảng Excel có đủ mọi cấp."</p>
            <h2 class="report-title">"Bảng điểm tiêu chí cuộc thi trong Chỉ số CCHC"</h2>
            <table class="schedule report-table reform-index">
                <thead><tr><th>"Cơ quan, đơn vị"</th><th>"Tỷ lệ tham gia (%)"</th><th>"Điểm TB"</th><th>"Giải cá nhân"</th><th>"Giải tập thể"</th>
                    <th>"Điểm tham gia"</th><th>"Điểm kết quả"</th><th>"Điểm giải CN"</th><th>"Điểm giải TT"</th><th>"Tổng"</th></tr></thead>
                <tbody>{index.rows.iter().map(|r| view! {
                    <tr><td>{r.unit_name.clone()}</td><td>{crate::format::decimal(r.participation_pct, crate::format::PERCENT_PLACES)}</td><td>{num(r.average_score)}</td>
                        <td>{r.prizes}</td><td>{r.collective_prize.clone()}</td>
                        <td>{num(Some(r.participation_points))}</td><td>{num(Some(r.score_points))}</td><td>{num(Some(r.prize_points))}</td><td>{num(Some(r.collective_points))}</td>
                        <td><strong>{num(Some(r.total))}</strong></td></tr>
                }).collect_view()}</tbody>
            </table>
        </article>
        <RubricForm contest_id=id rubric=index.rubric version=version/>
    }
}

#[component]
fn RubricForm(contest_id: i32, rubric: Rubric, version: RwSignal<u32>) -> impl IntoView {
    let participation = RwSignal::new(bands_text(&rubric.participation));
    let average = RwSignal::new(bands_text(&rubric.average_score));
    let per_prize = RwSignal::new(rubric.per_prize.to_string());
    let max_prize = RwSignal::new(rubric.max_prize_points.to_string());
    let collective = RwSignal::new(rubric.collective_prize.to_string());
    let max_points = RwSignal::new(rubric.max_points.to_string());
    let outcome: crate::form::Outcome<()> = RwSignal::new(None);
    let save = move |_| {
        let number = |s: RwSignal<String>, what: &str| {
            s.get_untracked()
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| format!("{what} phải là số."))
        };
        let built = (|| {
            Ok::<_, String>(Rubric {
                participation: parse_bands(&participation.get_untracked())?,
                average_score: parse_bands(&average.get_untracked())?,
                per_prize: number(per_prize, "Điểm mỗi giải cá nhân")?,
                max_prize_points: number(max_prize, "Điểm giải cá nhân tối đa")?,
                collective_prize: number(collective, "Điểm giải tập thể")?,
                max_points: number(max_points, "Điểm tối đa")?,
            })
        })();
        leptos::task::spawn_local(async move {
            let result = match built {
                Ok(r) => admin_save_rubric(contest_id, r).await,
                Err(m) => Err(AppError::invalid("rubric", &m)),
            };
            if result.is_ok() {
                version.update(|v| *v += 1);
            }
            outcome.set(Some(result));
        });
    };
    let input = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <input id=id prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value())/>
        }
    };
    view! {
        <section class="card form-card wide no-print">
            <h2>"Thang điểm Chỉ số CCHC"</h2>
            <div class="form">
                {move || crate::form::banner(outcome, "Đã lưu thang điểm.").map(|(class, text)| view! { <p class=class role="status">{text}</p> })}
                {input("r-part", "Tỷ lệ tham gia (ngưỡng %:điểm; mức cao nhất đạt được)", participation)}
                {input("r-avg", "Điểm trung bình (ngưỡng:điểm)", average)}
                {input("r-prize", "Điểm mỗi giải cá nhân của thành viên", per_prize)}
                {input("r-maxprize", "Điểm giải cá nhân tối đa", max_prize)}
                {input("r-coll", "Điểm khi đạt giải tập thể", collective)}
                {input("r-max", "Điểm tối đa của tiêu chí", max_points)}
                <p class="field-error">{move || crate::form::field_message(outcome, "rubric")}</p>
                <div class="actions"><button type="button" class="primary" on:click=save>"Lưu thang điểm"</button></div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_read_with_either_decimal_mark() {
        let bands = parse_bands("80:1,5; 50%:1\n30:0.5").unwrap();
        assert_eq!(
            bands,
            vec![
                Band { min: 80.0, points: 1.5 },
                Band { min: 50.0, points: 1.0 },
                Band { min: 30.0, points: 0.5 }
            ]
        );
        assert_eq!(parse_bands(&bands_text(&bands)).unwrap(), bands);
        assert!(parse_bands("tám mươi:1").is_err());
        assert!(parse_bands("80").is_err());
    }
}
