//! The Lạng Sơn 2022 contest as the directive describes it (four weekly rounds,
//! 03/10/2022 – 30/10/2022, Monday 00:00 to Sunday 24:00), and a live copy
//! whose rounds sit around today so that a new user can take a quiz at once.
use super::DemoError;
use app::entities::{category, contest, round, round_question};
use app::time::{local_midnight, local_today};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// The closed contest that gets a simulated history.
pub const SLUG_2022: &str = "cchc-lang-son-2022";
const TITLE_2022: &str = "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Lạng Sơn năm 2022";
const TITLE_LIVE: &str =
    "Cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Lạng Sơn (bản trải nghiệm)";
const ORGANIZER: &str = "Ban Tổ chức cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Lạng Sơn";
const PREDICTION: &str = "Theo bạn, tuần thi này có bao nhiêu người trả lời đúng tất cả các câu hỏi?";

const RULES_2022: &str = "\
Cuộc thi do Ban Tổ chức cuộc thi trực tuyến tìm hiểu về cải cách hành chính tỉnh Lạng Sơn tổ chức theo Thể lệ ban hành kèm theo Quyết định số 151/QĐ-BTCCT ngày 21/9/2022.
Đối tượng dự thi: cán bộ, công chức, viên chức, người lao động đang công tác tại các cơ quan, đơn vị trên địa bàn tỉnh và Nhân dân đang sinh sống, học tập, làm việc tại tỉnh Lạng Sơn. Thành viên Ban Tổ chức, Tổ Thư ký và Ban Đề thi không được dự thi.
Thời gian: 4 tuần liên tục, từ 00:00 ngày 03/10/2022 đến 24:00 ngày 30/10/2022. Mỗi tuần thi bắt đầu lúc 00:00 thứ Hai và kết thúc lúc 24:00 Chủ nhật.
Hình thức: thí sinh đăng ký một lần bằng số điện thoại, chọn đúng đơn vị công tác hoặc nơi cư trú. Mỗi lượt thi gồm 20 câu hỏi trắc nghiệm chọn ngẫu nhiên từ ngân hàng câu hỏi, mỗi câu có 4 phương án và chỉ 1 phương án đúng; thời gian làm bài 20 phút. Hết giờ, bài thi được tự động nộp.
Sau phần trắc nghiệm, thí sinh trả lời câu hỏi dự đoán: có bao nhiêu người trả lời đúng tất cả các câu hỏi của tuần thi.
Mỗi tuần, mỗi thí sinh được thi tối đa 2 lượt; kết quả cao nhất được tính.
Xếp giải: ưu tiên lần lượt người có số câu trả lời đúng nhiều hơn, dự đoán sát hơn với số người trả lời đúng tất cả các câu hỏi, thời gian làm bài ngắn hơn và nộp bài sớm hơn.
Sở Nội vụ tổng hợp số lượng thí sinh dự thi theo tuần của từng cơ quan, đơn vị và thông báo công khai trên trang của cuộc thi. Kết quả cuộc thi là tiêu chí chấm điểm Chỉ số cải cách hành chính năm 2022 của các cơ quan, đơn vị.
Thông tin cá nhân của thí sinh phải trung thực, đúng với căn cước công dân để nhận giải. Mỗi người chỉ được đăng ký một tài khoản; mọi hình thức thi hộ, thi kèm đều bị hủy kết quả.";

const RULES_LIVE_NOTE: &str = "\
Đây là bản trải nghiệm của cuộc thi năm 2022, với các tuần thi đặt quanh thời điểm hiện tại để bạn có thể đăng ký và làm bài ngay. Kết quả của bản trải nghiệm không được xét giải.";

pub struct Created {
    pub contests: usize,
    pub rounds: usize,
}

/// Both contests, each with its categories, four rounds and the whole bank as pool.
pub async fn insert_all(
    db: &impl ConnectionTrait,
    root_unit_id: i32,
    question_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<Created, DemoError> {
    let first_monday_2022 = NaiveDate::from_ymd_opt(2022, 10, 3)
        .ok_or(DemoError::Data { file: "contests.rs", reason: "ngày không hợp lệ".into() })?;
    // The live copy: week 1 began last Monday, so week 2 is open now and weeks 3–4 are ahead.
    let today = local_today(now);
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let live_first_monday = this_monday - Duration::days(7);

    let archived = insert_contest(
        db,
        "cchc-lang-son-2022",
        TITLE_2022,
        RULES_2022.to_owned(),
        root_unit_id,
        first_monday_2022,
        question_ids,
        now - Duration::days(1),
    )
    .await?;
    let live = insert_contest(
        db,
        "cchc-lang-son-trai-nghiem",
        TITLE_LIVE,
        format!(
            "{RULES_LIVE_NOTE}\n{}",
            RULES_2022
                .replace("03/10/2022", "thứ Hai tuần thứ nhất")
                .replace("30/10/2022", "Chủ nhật tuần thứ tư")
        ),
        root_unit_id,
        live_first_monday,
        question_ids,
        now,
    )
    .await?;
    Ok(Created { contests: 2, rounds: archived + live })
}

#[allow(clippy::too_many_arguments)]
async fn insert_contest(
    db: &impl ConnectionTrait,
    slug: &str,
    title: &str,
    rules: String,
    root_unit_id: i32,
    first_monday: NaiveDate,
    question_ids: &[i32],
    created_at: DateTime<Utc>,
) -> Result<usize, DemoError> {
    let contest = contest::ActiveModel {
        slug: Set(slug.to_owned()),
        title: Set(title.to_owned()),
        organizer_name: Set(ORGANIZER.to_owned()),
        rules: Set(rules),
        id_number_required: Set(false),
        published: Set(true),
        root_unit_id: Set(Some(root_unit_id)),
        created_at: Set(created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;

    for (order, (code, name)) in
        [("civil_servant", "Cán bộ, công chức, viên chức, người lao động"), ("citizen", "Nhân dân")]
            .into_iter()
            .enumerate()
    {
        category::ActiveModel {
            contest_id: Set(contest.id),
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            sort_order: Set(order as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    let weeks = 4;
    for week in 0..weeks {
        let monday = first_monday + Duration::days(7 * i64::from(week));
        let round = round::ActiveModel {
            contest_id: Set(contest.id),
            number: Set(week + 1),
            title: Set(format!("Tuần {}", week + 1)),
            // Monday 00:00 to Sunday 24:00, local time.
            opens_at: Set(local_midnight(monday)),
            closes_at: Set(local_midnight(monday + Duration::days(7))),
            questions_per_attempt: Set(20),
            time_limit_seconds: Set(20 * 60),
            attempts_allowed: Set(2),
            counted_attempt: Set(app::entities::round::CountedAttempt::Best),
            prediction_kind: Set(app::entities::round::PredictionKind::FullMarks),
            prediction_prompt: Set(Some(PREDICTION.to_owned())),
            // The key only once every attempt of the week is over (attempt::review).
            review_policy: Set(app::entities::round::ReviewPolicy::AfterClose),
            tie_break: Set(app::results::ranking::DEFAULT_CHAIN.to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let pool = question_ids.iter().map(|&question_id| round_question::ActiveModel {
            round_id: Set(round.id),
            question_id: Set(question_id),
        });
        round_question::Entity::insert_many(pool).exec(db).await?;
    }
    Ok(weeks as usize)
}
