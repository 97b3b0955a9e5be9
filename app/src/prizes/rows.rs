//! Prize tiers and collective-rule thresholds as editable rows (name, count,
//! points, category; under N people, percentage) with "Thêm"/"Xóa", instead of
//! a typed mini-language ("Giải Nhất; 1; 10", "50:30, *:10"). The rows are
//! turned into the same `TierDraft` / `MinRate` / `PrizeLine` lists the server
//! API has always taken, here in the browser; the pure conversions are tested.
use super::collective::{MinRate, PrizeLine};
use super::TierDraft;
use leptos::prelude::*;

/// One prize row as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierRow {
    pub name: String,
    pub quantity: String,
    pub points: String,
    /// "" for every category together, else a category code (chosen from a list).
    pub category: String,
}

/// One threshold row as typed: units with fewer than `under` people ("" = all the rest) need `pct` %.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RateRow {
    pub under: String,
    pub pct: String,
}

/// "7,5" or "7.5"; with a comma, dots are thousands ("1.000,5").
fn number(text: &str) -> Option<f64> {
    let text = text.trim().trim_end_matches('%').trim();
    let text = if text.contains(',') { text.replace('.', "").replace(',', ".") } else { text.to_owned() };
    text.parse().ok().filter(|x: &f64| x.is_finite())
}

/// Rows → tiers. A prize's rank comes from the order in which names first
/// appear, so the same name for two categories is the same level of prize.
/// Empty rows are skipped.
pub fn tiers_of_rows(rows: &[TierRow]) -> Result<Vec<TierDraft>, String> {
    let mut names: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.name.trim().is_empty() && row.quantity.trim().is_empty() && row.points.trim().is_empty() {
            continue;
        }
        let bad = |what: &str| format!("Giải ở dòng {}: {what}", i + 1);
        let name = row.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(bad("vui lòng nhập tên giải."));
        }
        let quantity = row
            .quantity
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|q| *q > 0)
            .ok_or_else(|| bad("số lượng phải là số nguyên lớn hơn 0, ví dụ 2."))?;
        let unit_points = if row.points.trim().is_empty() {
            0.0
        } else {
            number(&row.points).ok_or_else(|| bad("điểm cho đơn vị phải là số, ví dụ 7,5."))?
        };
        let position = match names.iter().position(|n| *n == name) {
            Some(p) => p as i32 + 1,
            None => {
                names.push(name.clone());
                names.len() as i32
            }
        };
        out.push(TierDraft { position, name, quantity, category: row.category.clone(), unit_points });
    }
    Ok(out)
}

/// Comma decimals, as people write them here ("7,5").
fn decimal_text(x: f64) -> String {
    x.to_string().replace('.', ",")
}

pub fn rows_of_tiers(tiers: &[TierDraft]) -> Vec<TierRow> {
    tiers
        .iter()
        .map(|t| TierRow {
            name: t.name.clone(),
            quantity: t.quantity.to_string(),
            points: if t.unit_points == 0.0 { String::new() } else { decimal_text(t.unit_points) },
            category: t.category.clone(),
        })
        .collect()
}

/// Rows → collective prizes (name and count only).
pub fn prizes_of_rows(rows: &[TierRow]) -> Result<Vec<PrizeLine>, String> {
    let plain: Vec<TierRow> = rows.iter().map(|r| TierRow { points: String::new(), ..r.clone() }).collect();
    Ok(tiers_of_rows(&plain)?.into_iter().map(|t| PrizeLine { name: t.name, quantity: t.quantity }).collect())
}

pub fn rows_of_prizes(prizes: &[PrizeLine]) -> Vec<TierRow> {
    prizes
        .iter()
        .map(|p| TierRow { name: p.name.clone(), quantity: p.quantity.to_string(), ..Default::default() })
        .collect()
}

/// Rows → minimum rates; an empty "dưới … người" is "mọi đơn vị còn lại".
pub fn rates_of_rows(rows: &[RateRow]) -> Result<Vec<MinRate>, String> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| !(r.under.trim().is_empty() && r.pct.trim().is_empty()))
        .map(|(i, r)| {
            let bad = |what: &str| format!("Tỷ lệ ở dòng {}: {what}", i + 1);
            let pct = number(&r.pct)
                .filter(|p| (0.0..=100.0).contains(p))
                .ok_or_else(|| bad("tỷ lệ phải là số từ 0 đến 100."))?;
            let under = match r.under.trim() {
                "" => None,
                u => Some(
                    u.replace('.', "")
                        .parse::<i32>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| bad("số người phải là số nguyên lớn hơn 0, hoặc để trống."))?,
                ),
            };
            Ok(MinRate { under, pct })
        })
        .collect()
}

pub fn rows_of_rates(rates: &[MinRate]) -> Vec<RateRow> {
    rates
        .iter()
        .map(|m| RateRow {
            under: m.under.map(|u| u.to_string()).unwrap_or_default(),
            pct: decimal_text(m.pct),
        })
        .collect()
}

/// Rows with a stable key each, so typing in one row never redraws the others.
pub type Keyed<T> = RwSignal<Vec<(usize, T)>>;

pub fn keyed<T: Send + Sync + 'static>(rows: Vec<T>) -> (Keyed<T>, StoredValue<usize>) {
    let next = rows.len();
    (RwSignal::new(rows.into_iter().enumerate().collect()), StoredValue::new(next))
}

fn set<T: Clone + Send + Sync + 'static>(rows: Keyed<T>, key: usize, change: impl FnOnce(&mut T)) {
    rows.update(|all| {
        if let Some((_, row)) = all.iter_mut().find(|(k, _)| *k == key) {
            change(row);
        }
    });
}

fn add<T: Default + Send + Sync + 'static>(rows: Keyed<T>, next: StoredValue<usize>) {
    let key = next.get_value();
    next.set_value(key + 1);
    rows.update(|all| all.push((key, T::default())));
}

/// The prize rows of one list (or of the collective prizes when `categories` is `None`:
/// no points, no category).
#[component]
pub fn TierRows(
    rows: Keyed<TierRow>,
    next: StoredValue<usize>,
    /// (code, name) of the contest's categories, for the "Đối tượng" choice.
    categories: Option<Vec<(String, String)>>,
    #[prop(default = false)] disabled: bool,
    /// What the table is, for screen readers ("Cơ cấu giải Tuần 2").
    caption: String,
) -> impl IntoView {
    let full = categories.is_some();
    let categories = StoredValue::new(categories.unwrap_or_default());
    view! {
        <table class="row-editor">
            <caption>{caption}</caption>
            <thead><tr>
                <th>"Tên giải"</th><th>"Số lượng"</th>
                {full.then(|| view! { <th>"Điểm cho đơn vị"</th><th>"Đối tượng"</th> })}
                <th></th>
            </tr></thead>
            <tbody>
                <For each=move || rows.get() key=|(k, _)| *k let:item>
                    {
                        let (key, row) = item;
                        view! {
                            <tr>
                                <td><input aria-label="Tên giải" disabled=disabled value=row.name.clone()
                                    on:input:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.name = v) }/></td>
                                <td><input aria-label="Số lượng" inputmode="numeric" size="4" disabled=disabled value=row.quantity.clone()
                                    on:input:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.quantity = v) }/></td>
                                {full.then(|| view! {
                                    <td><input aria-label="Điểm cho đơn vị" inputmode="decimal" size="5" disabled=disabled value=row.points.clone()
                                        on:input:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.points = v) }/></td>
                                    <td><select aria-label="Đối tượng" disabled=disabled
                                        on:change:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.category = v) }>
                                        <option value="" selected=row.category.is_empty()>"Tất cả"</option>
                                        {categories.get_value().into_iter().map(|(code, name)| {
                                            let picked = code == row.category;
                                            view! { <option value=code selected=picked>{name}</option> }
                                        }).collect_view()}
                                    </select></td>
                                })}
                                <td><button type="button" class="link" disabled=disabled
                                    on:click=move |_| rows.update(|all| all.retain(|(k, _)| *k != key))>"Xóa"</button></td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        <p><button type="button" disabled=disabled on:click=move |_| add(rows, next)>"Thêm giải"</button></p>
    }
    // Erased: the prize desk nests several of these, and the full view type
    // overflows the compiler's query depth in the server crate.
    .into_any()
}

/// The participation thresholds of the collective formula.
#[component]
pub fn RateRows(rows: Keyed<RateRow>, next: StoredValue<usize>) -> impl IntoView {
    view! {
        <table class="row-editor">
            <caption>"Tỷ lệ tham gia tối thiểu theo quy mô đơn vị"</caption>
            <thead><tr><th>"Đơn vị dưới … người (để trống: còn lại)"</th><th>"Tỷ lệ tối thiểu (%)"</th><th></th></tr></thead>
            <tbody>
                <For each=move || rows.get() key=|(k, _)| *k let:item>
                    {
                        let (key, row) = item;
                        view! {
                            <tr>
                                <td><input aria-label="Dưới số người" inputmode="numeric" size="6" value=row.under.clone()
                                    on:input:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.under = v) }/></td>
                                <td><input aria-label="Tỷ lệ tối thiểu (%)" inputmode="decimal" size="5" value=row.pct.clone()
                                    on:input:target=move |ev| { let v = ev.target().value(); set(rows, key, |r| r.pct = v) }/></td>
                                <td><button type="button" class="link"
                                    on:click=move |_| rows.update(|all| all.retain(|(k, _)| *k != key))>"Xóa"</button></td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        <p><button type="button" on:click=move |_| add(rows, next)>"Thêm mức"</button></p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, quantity: &str, points: &str, category: &str) -> TierRow {
        TierRow {
            name: name.into(),
            quantity: quantity.into(),
            points: points.into(),
            category: category.into(),
        }
    }

    #[test]
    fn prize_rows_become_tiers_and_same_names_share_a_level() {
        let rows = vec![
            row("Giải Nhất", "1", "10", "civil_servant"),
            row("Giải  Nhất", "1", "10", "citizen"),
            row("", "", "", ""),
            row("Giải Nhì", "2", "7,5", ""),
        ];
        let tiers = tiers_of_rows(&rows).unwrap();
        assert_eq!(
            tiers.iter().map(|t| (t.position, t.name.as_str(), t.quantity)).collect::<Vec<_>>(),
            vec![(1, "Giải Nhất", 1), (1, "Giải Nhất", 1), (2, "Giải Nhì", 2)]
        );
        assert_eq!(tiers[2].unit_points, 7.5);
        assert_eq!(tiers[1].category, "citizen");
        // Back to rows and again: the same tiers.
        assert_eq!(tiers_of_rows(&rows_of_tiers(&tiers)).unwrap(), tiers);
        assert_eq!(rows_of_tiers(&tiers)[2].points, "7,5");
    }

    #[test]
    fn bad_prize_rows_say_which_row_and_why() {
        assert_eq!(
            tiers_of_rows(&[row("Giải Ba", "ba", "", "")]).unwrap_err(),
            "Giải ở dòng 1: số lượng phải là số nguyên lớn hơn 0, ví dụ 2."
        );
        assert_eq!(
            tiers_of_rows(&[row("Giải Ba", "1", "", ""), row("", "2", "", "")]).unwrap_err(),
            "Giải ở dòng 2: vui lòng nhập tên giải."
        );
        assert!(tiers_of_rows(&[row("Giải Ba", "1", "năm", "")]).is_err());
        assert!(tiers_of_rows(&[row("Giải Ba", "0", "", "")]).is_err());
        assert_eq!(tiers_of_rows(&[]).unwrap(), vec![]);
    }

    #[test]
    fn collective_prizes_keep_name_and_count() {
        let prizes = prizes_of_rows(&[row("Giải tập thể", "3", "9", "x")]).unwrap();
        assert_eq!(prizes, vec![PrizeLine { name: "Giải tập thể".into(), quantity: 3 }]);
        assert_eq!(prizes_of_rows(&rows_of_prizes(&prizes)).unwrap(), prizes);
    }

    #[test]
    fn threshold_rows_become_minimum_rates() {
        let rows = vec![
            RateRow { under: "50".into(), pct: "30".into() },
            RateRow { under: "1.000".into(), pct: "20%".into() },
            RateRow { under: "".into(), pct: "".into() },
            RateRow { under: "".into(), pct: "12,5".into() },
        ];
        let rates = rates_of_rows(&rows).unwrap();
        assert_eq!(
            rates,
            vec![
                MinRate { under: Some(50), pct: 30.0 },
                MinRate { under: Some(1000), pct: 20.0 },
                MinRate { under: None, pct: 12.5 }
            ]
        );
        assert_eq!(rates_of_rows(&rows_of_rates(&rates)).unwrap(), rates);
        assert_eq!(
            rates_of_rows(&[RateRow { under: "năm mươi".into(), pct: "30".into() }]).unwrap_err(),
            "Tỷ lệ ở dòng 1: số người phải là số nguyên lớn hơn 0, hoặc để trống."
        );
        assert!(rates_of_rows(&[RateRow { under: "".into(), pct: "130".into() }]).is_err());
    }
}
