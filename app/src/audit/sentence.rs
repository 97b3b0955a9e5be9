//! The audit log in plain words: each entry as one Vietnamese sentence
//! ("Nguyễn Văn A duyệt danh sách giải Tuần 2 (3 giải)") instead of an action
//! code and raw JSON. One pure function per action code the code base writes
//! (the test below greps the writers, so a new code without a sentence fails);
//! an unknown code still reads as a sentence. The JSON itself stays in the
//! entry (API and "Chi tiết kỹ thuật") as the evidence.
//!
//! Over 700 lines on purpose: one short function per action code plus their
//! table test, read side by side; split by feature they would lose the one
//! list the test checks against.
use serde_json::Value;

/// What a sentence is made from: one stored entry, its JSON parsed.
pub struct Facts<'a> {
    /// The person who made the change (their name, else their e-mail).
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub summary: &'a str,
    pub before: Value,
    pub after: Value,
}

impl<'a> Facts<'a> {
    pub fn new(
        actor: &'a str,
        action: &'a str,
        entity: &'a str,
        summary: Option<&'a str>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Self {
        let parse = |raw: Option<&str>| raw.and_then(|r| serde_json::from_str(r).ok()).unwrap_or(Value::Null);
        Facts {
            actor,
            action,
            entity,
            summary: summary.unwrap_or(""),
            before: parse(before),
            after: parse(after),
        }
    }

    /// The summary without a known opening (the writers' own wording), else the whole summary.
    fn tail(&self, prefix: &str) -> &str {
        self.summary.strip_prefix(prefix).unwrap_or(self.summary).trim()
    }

    fn text(&self, side: &Value, key: &str) -> Option<String> {
        side.get(key).and_then(Value::as_str).map(str::to_owned).filter(|s| !s.trim().is_empty())
    }

    /// A name from the saved fields, else from the summary.
    fn name(&self, key: &str, prefix: &str) -> String {
        self.text(&self.after, key)
            .or_else(|| self.text(&self.before, key))
            .map(|n| quoted(&n))
            .unwrap_or_else(|| self.tail(prefix).to_owned())
    }
}

/// The sentence for one entry.
pub fn sentence(facts: &Facts) -> String {
    let what = match describer(facts.action) {
        Some(describe) => describe(facts),
        None => fallback(facts),
    };
    format!("{} {}", facts.actor, what.trim())
}

type Describe = fn(&Facts) -> String;

/// The sentence function of each action code; `None` for a code nobody wrote a sentence for.
pub fn describer(action: &str) -> Option<Describe> {
    let describe: Describe = match action {
        "unit.create" => unit_create,
        "unit.update" => unit_update,
        "unit.delete" => unit_delete,
        "unit.import" => unit_import,
        "contestant.lock" => contestant_lock,
        "contestant.unlock" => contestant_unlock,
        "contestant.correct" => contestant_correct,
        "contestant.reset_code" => contestant_reset_code,
        "contestant.extra_time" => contestant_extra_time,
        "contestant.extra_time_remove" => contestant_extra_time_remove,
        "account.create" => account_create,
        "account.set_active" => account_set_active,
        "account.revoke_sessions" => account_revoke_sessions,
        "contest.create" => contest_create,
        "contest.update" => contest_update,
        "contest.publish" => contest_publish,
        "contest.unpublish" => contest_unpublish,
        "contest.exclusion_add" => exclusion_add,
        "contest.exclusion_remove" => exclusion_remove,
        "round.create" => round_create,
        "round.update" => round_update,
        "reports.rubric" => reports_rubric,
        "question.import" => question_import,
        "question.create" => question_create,
        "question.update" => question_update,
        "question.retire" => question_retire,
        "question.restore" => question_restore,
        "topic.create" => topic_create,
        "topic.update" => topic_update,
        "prizes.tiers" => prizes_tiers,
        "prizes.rules" => prizes_rules,
        "prizes.approve" => prizes_approve,
        "prizes.unapprove" => prizes_unapprove,
        "prizes.publish" => prizes_publish,
        "prizes.correct" => prizes_correct,
        "prizes.disqualify" => prizes_disqualify,
        "prizes.reinstate" => prizes_reinstate,
        _ => return None,
    };
    Some(describe)
}

// ---- the words -------------------------------------------------------------

fn quoted(text: &str) -> String {
    format!("“{}”", text.trim())
}

/// "Xóa đơn vị …" → "xóa đơn vị …" (the summaries open with a verb).
fn lower_first(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The summary up to its first "; " or ". " (the writers add explanations after it).
fn first_clause(text: &str) -> &str {
    let end = [text.find("; "), text.find(". ")].into_iter().flatten().min().unwrap_or(text.len());
    text[..end].trim_end_matches('.')
}

fn yes_no(value: &Value) -> Option<String> {
    value.as_bool().map(|b| if b { "có" } else { "không" }.to_owned())
}

fn plain(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if s.trim().is_empty() => Some("(trống)".into()),
        Value::String(s) => Some(quoted(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(_) => yes_no(value),
        Value::Null => Some("(trống)".into()),
        _ => None,
    }
}

/// Long texts and internal ids: say that it changed, not to what.
fn unsaid(_: &Value) -> Option<String> {
    None
}

/// One field a sentence may mention: its key in the JSON, its name in words, how its value reads.
struct Field {
    key: &'static str,
    label: &'static str,
    show: fn(&Value) -> Option<String>,
}

const fn field(key: &'static str, label: &'static str, show: fn(&Value) -> Option<String>) -> Field {
    Field { key, label, show }
}

/// "đổi tên từ “A” thành “B”; đổi nội dung" for the fields that differ between before and after.
fn changes(facts: &Facts, fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .filter_map(|f| {
            let (old, new) = (facts.before.get(f.key)?, facts.after.get(f.key)?);
            if old == new {
                return None;
            }
            Some(match ((f.show)(old), (f.show)(new)) {
                (Some(old), Some(new)) => format!("đổi {} từ {old} thành {new}", f.label),
                (_, Some(new)) => format!("đổi {} thành {new}", f.label),
                _ => format!("đổi {}", f.label),
            })
        })
        .collect()
}

/// "sửa X: đổi …; đổi …", or "lưu X, không đổi gì" when nothing the sentence knows differs.
fn edited(thing: &str, facts: &Facts, fields: &[Field]) -> String {
    let list = changes(facts, fields);
    if list.is_empty() {
        format!("lưu {thing}, không đổi thông tin chính")
    } else {
        format!("sửa {thing}: {}", list.join("; "))
    }
}

// ---- units -----------------------------------------------------------------

const UNIT_FIELDS: &[Field] = &[
    field("name", "tên", plain),
    field("code", "mã đơn vị", plain),
    field("parent_id", "đơn vị cấp trên", unsaid),
    field("kind", "loại đơn vị", unsaid),
    field("headcount", "số người", plain),
    field("contact_name", "người liên hệ", plain),
    field("contact_phone", "số điện thoại liên hệ", plain),
];

fn unit_create(f: &Facts) -> String {
    format!("thêm đơn vị {}", f.name("name", "Đơn vị"))
}
fn unit_update(f: &Facts) -> String {
    edited(&format!("đơn vị {}", f.name("name", "Đơn vị")), f, UNIT_FIELDS)
}
fn unit_delete(f: &Facts) -> String {
    format!("xóa đơn vị {}", f.name("name", "Xóa đơn vị"))
}
fn unit_import(f: &Facts) -> String {
    if f.summary.is_empty() {
        "nhập cây đơn vị từ tệp".into()
    } else {
        lower_first(f.summary)
    }
}

// ---- contestants -----------------------------------------------------------

fn contestant_lock(f: &Facts) -> String {
    let mut s = lower_first(first_clause(f.summary));
    if s.is_empty() {
        s = "khóa tài khoản một thí sinh".into();
    }
    if let Some(n) = f.after.get("sessions_ended").and_then(Value::as_i64).filter(|n| *n > 0) {
        s.push_str(&format!(" và đăng xuất {n} phiên đang mở"));
    }
    s
}
fn contestant_unlock(f: &Facts) -> String {
    let s = lower_first(first_clause(f.summary));
    if s.is_empty() {
        "mở khóa tài khoản một thí sinh".into()
    } else {
        s
    }
}
fn birth_date(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.format("%d/%m/%Y").to_string())
}
const CONTESTANT_FIELDS: &[Field] = &[
    field("full_name", "họ tên", plain),
    field("birth_date", "ngày sinh", birth_date),
    field("id_number", "số căn cước", plain),
    field("unit_id", "đơn vị", unsaid),
];
fn contestant_correct(f: &Facts) -> String {
    let who = f.text(&f.before, "full_name").unwrap_or_else(|| f.tail("Sửa thông tin thí sinh").to_owned());
    edited(&format!("thông tin thí sinh {who}"), f, CONTESTANT_FIELDS)
}
fn contestant_reset_code(f: &Facts) -> String {
    if f.summary.is_empty() {
        "cấp mã đặt lại mật khẩu cho một thí sinh".into()
    } else {
        lower_first(f.summary)
    }
}

/// "thí sinh “Trần Thị B”", from the saved fields, else "một thí sinh".
fn contestant_named(f: &Facts) -> String {
    match f.text(&f.after, "full_name").or_else(|| f.text(&f.before, "full_name")) {
        Some(name) => format!("thí sinh {}", quoted(&name)),
        None => "một thí sinh".into(),
    }
}
fn contestant_extra_time(f: &Facts) -> String {
    let percent = f.after.get("percent").and_then(Value::as_i64);
    let mut s = match percent {
        Some(p) => format!("cho {} được cộng thêm {p}% thời gian làm bài", contestant_named(f)),
        None => format!("cho {} được cộng thêm thời gian làm bài", contestant_named(f)),
    };
    if let Some(old) = f.before.get("percent").and_then(Value::as_i64) {
        s.push_str(&format!(" (trước đó {old}%)"));
    }
    s
}
fn contestant_extra_time_remove(f: &Facts) -> String {
    match f.before.get("percent").and_then(Value::as_i64) {
        Some(p) => format!("bỏ thời gian cộng thêm ({p}%) của {}", contestant_named(f)),
        None => format!("bỏ thời gian cộng thêm của {}", contestant_named(f)),
    }
}

// ---- staff accounts --------------------------------------------------------

fn account_create(f: &Facts) -> String {
    match f.text(&f.after, "email") {
        Some(_) if !f.summary.is_empty() => lower_first(f.summary),
        Some(email) => format!("tạo tài khoản {email}"),
        None => lower_first(f.summary),
    }
}
fn account_set_active(f: &Facts) -> String {
    if !f.summary.is_empty() {
        return lower_first(f.summary);
    }
    match f.after.get("active").and_then(Value::as_bool) {
        Some(true) => "mở khóa một tài khoản".into(),
        _ => "khóa một tài khoản".into(),
    }
}
fn account_revoke_sessions(_: &Facts) -> String {
    "đăng xuất một tài khoản quản trị trên mọi thiết bị".into()
}

// ---- contests --------------------------------------------------------------

const CONTEST_FIELDS: &[Field] = &[
    field("title", "tên", plain),
    field("slug", "địa chỉ trang", plain),
    field("organizer_name", "đơn vị tổ chức", plain),
    field("id_number_required", "việc bắt buộc nhập số căn cước", yes_no),
    field("rules", "thể lệ", unsaid),
    field("categories", "các đối tượng dự thi", category_names),
];
fn category_names(value: &Value) -> Option<String> {
    let names: Vec<String> =
        value.as_array()?.iter().filter_map(|c| c.get("name").and_then(Value::as_str)).map(quoted).collect();
    Some(if names.is_empty() { "(không có)".into() } else { names.join(", ") })
}
fn contest_create(f: &Facts) -> String {
    format!("tạo cuộc thi {}", f.name("title", "Cuộc thi"))
}
fn contest_update(f: &Facts) -> String {
    edited(&format!("cuộc thi {}", f.name("title", "Cuộc thi")), f, CONTEST_FIELDS)
}
fn contest_publish(f: &Facts) -> String {
    format!("công bố cuộc thi {}", f.tail("Công bố cuộc thi"))
}
fn contest_unpublish(f: &Facts) -> String {
    format!("ngừng công bố cuộc thi {}", f.tail("Ngừng công bố cuộc thi"))
}
fn excluded_person(side: &Value) -> String {
    let phone = side.get("phone").and_then(Value::as_str).filter(|p| !p.is_empty());
    let id = side.get("id_number").and_then(Value::as_str).filter(|p| !p.is_empty());
    match (phone, id) {
        (Some(p), Some(i)) => format!("người có số điện thoại {p}, số căn cước {i}"),
        (Some(p), None) => format!("số điện thoại {p}"),
        (None, Some(i)) => format!("số căn cước {i}"),
        (None, None) => "một người".into(),
    }
}
fn exclusion_add(f: &Facts) -> String {
    format!("thêm {} vào danh sách không được dự thi", excluded_person(&f.after))
}
fn exclusion_remove(f: &Facts) -> String {
    format!("đưa {} ra khỏi danh sách không được dự thi", excluded_person(&f.before))
}

// ---- rounds ----------------------------------------------------------------

fn minutes(value: &Value) -> Option<String> {
    Some(format!("{} phút", value.as_i64()? / 60))
}
fn counted_attempt(value: &Value) -> Option<String> {
    Some(
        match value.as_str()? {
            "best" => "lượt cao nhất",
            "first" => "lượt đầu tiên",
            "last" => "lượt cuối cùng",
            _ => return None,
        }
        .into(),
    )
}
fn prediction_kind(value: &Value) -> Option<String> {
    Some(
        match value.as_str()? {
            "none" => "không có",
            "full_marks" => "bao nhiêu người trả lời đúng tất cả",
            "participants" => "bao nhiêu người dự thi",
            _ => return None,
        }
        .into(),
    )
    .map(|s: String| quoted(&s))
}
fn review_policy(value: &Value) -> Option<String> {
    Some(
        match value.as_str()? {
            "never" => "không cho xem",
            "after_submit" => "ngay sau khi nộp bài",
            "after_close" => "sau khi đợt thi kết thúc",
            _ => return None,
        }
        .into(),
    )
    .map(|s: String| quoted(&s))
}
fn pool_mode(value: &Value) -> Option<String> {
    Some(
        match value.as_str()? {
            "all" => "tất cả câu hỏi đang dùng",
            "topics" => "theo chủ đề",
            "manual" => "chọn từng câu",
            _ => return None,
        }
        .into(),
    )
    .map(|s: String| quoted(&s))
}
fn local_time(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}
const ROUND_FIELDS: &[Field] = &[
    field("number", "số thứ tự", plain),
    field("title", "tên", plain),
    field("opens_at", "giờ bắt đầu", local_time),
    field("closes_at", "giờ kết thúc", local_time),
    field("questions_per_attempt", "số câu mỗi lượt", plain),
    field("time_limit_seconds", "thời gian làm bài", minutes),
    field("attempts_allowed", "số lượt thi mỗi người", plain),
    field("counted_attempt", "lượt được tính", counted_attempt),
    field("prediction_kind", "câu hỏi dự đoán", prediction_kind),
    field("prediction_prompt", "nội dung câu hỏi dự đoán", plain),
    field("review_policy", "cách xem đáp án", review_policy),
    field("practice", "việc là đợt thi thử", yes_no),
    field("pool_mode", "cách chọn câu hỏi", pool_mode),
];
fn round_create(f: &Facts) -> String {
    let mut s = format!("tạo đợt thi {}", f.name("title", "Đợt thi"));
    if let Some(n) = f.after.get("pool_size").and_then(Value::as_i64) {
        s.push_str(&format!(" ({n} câu hỏi để rút đề)"));
    }
    s
}
fn round_update(f: &Facts) -> String {
    edited(&format!("đợt thi {}", f.name("title", "Đợt thi")), f, ROUND_FIELDS)
}

// ---- reports ---------------------------------------------------------------

fn reports_rubric(_: &Facts) -> String {
    "sửa thang điểm Chỉ số cải cách hành chính".into()
}

// ---- question bank ---------------------------------------------------------

fn question_import(f: &Facts) -> String {
    if f.summary.is_empty() {
        "nhập câu hỏi từ tệp".into()
    } else {
        lower_first(f.summary)
    }
}
fn option_letter(value: &Value) -> Option<String> {
    let index = value.as_u64()?;
    let letter = char::from_u32('A' as u32 + u32::try_from(index).ok()?)?;
    Some(format!("phương án {letter}"))
}
const QUESTION_FIELDS: &[Field] = &[
    field("text", "nội dung", unsaid),
    field("options", "các phương án", unsaid),
    field("correct", "đáp án đúng", option_letter),
    field("explanation", "phần giải thích", unsaid),
    field("legal_source", "căn cứ pháp lý", unsaid),
    field("difficulty", "độ khó", plain),
    field("topic_id", "chủ đề", unsaid),
    field("active", "việc đang dùng", yes_no),
];
fn question_label(f: &Facts) -> String {
    let number = f.tail("Câu hỏi");
    if number.is_empty() {
        "một câu hỏi".into()
    } else {
        format!("câu hỏi {number}")
    }
}
fn question_create(f: &Facts) -> String {
    format!("thêm {}", question_label(f))
}
fn question_update(f: &Facts) -> String {
    edited(&question_label(f), f, QUESTION_FIELDS)
}
fn question_retire(f: &Facts) -> String {
    format!("ngừng sử dụng câu hỏi {}", f.tail("Ngừng sử dụng câu hỏi"))
}
fn question_restore(f: &Facts) -> String {
    format!("dùng lại câu hỏi {}", f.tail("Dùng lại câu hỏi"))
}
fn topic_create(f: &Facts) -> String {
    format!("thêm chủ đề {}", f.name("name", "Chủ đề"))
}
fn topic_update(f: &Facts) -> String {
    match (f.text(&f.before, "name"), f.text(&f.after, "name")) {
        (Some(old), Some(new)) if old != new => {
            format!("đổi tên chủ đề {} thành {}", quoted(&old), quoted(&new))
        }
        _ => format!("lưu chủ đề {}", f.name("name", "Chủ đề")),
    }
}

// ---- prizes ----------------------------------------------------------------

fn tier_list(value: &Value) -> Option<String> {
    let tiers: Vec<String> = value
        .as_array()?
        .iter()
        .filter_map(|t| {
            let name = t.get("name").and_then(Value::as_str)?;
            let count = t.get("quantity").and_then(Value::as_i64).unwrap_or(0);
            Some(format!("{} ({count} giải)", name.trim()))
        })
        .collect();
    Some(if tiers.is_empty() { "không có giải nào".into() } else { tiers.join(", ") })
}
fn prizes_tiers(f: &Facts) -> String {
    let of = f.tail("Cơ cấu giải:");
    let list = tier_list(&f.after).unwrap_or_else(|| "mới".into());
    format!("đặt cơ cấu giải {of}: {list}")
}
const RULE_FIELDS: &[Field] = &[
    field("one_prize_per_person", "quy tắc mỗi người chỉ nhận một giải", yes_no),
    field("collective_rule", "công thức giải tập thể", unsaid),
];
fn prizes_rules(f: &Facts) -> String {
    let list = changes(f, RULE_FIELDS);
    if list.is_empty() {
        "lưu quy tắc giải cá nhân và công thức giải tập thể, không đổi gì".into()
    } else {
        format!("sửa quy tắc giải: {}", list.join("; "))
    }
}
fn prizes_approve(f: &Facts) -> String {
    let tail = f.tail("Duyệt danh sách giải:");
    if tail.is_empty() {
        let n = f.after.as_array().map(Vec::len).unwrap_or(0);
        format!("duyệt một danh sách giải ({n} giải)")
    } else {
        format!("duyệt danh sách giải {tail}")
    }
}
fn prizes_unapprove(f: &Facts) -> String {
    format!("bỏ duyệt danh sách giải {}", f.tail("Bỏ duyệt:"))
}
fn prizes_publish(f: &Facts) -> String {
    format!("công bố danh sách giải {}", f.tail("Công bố giải:"))
}
fn prizes_correct(f: &Facts) -> String {
    format!("cập nhật danh sách giải {}", f.summary.trim())
}
fn prizes_disqualify(f: &Facts) -> String {
    let who = first_clause(f.tail("Loại khỏi xét giải:"));
    if who.is_empty() {
        "loại một thí sinh khỏi xét giải".into()
    } else {
        format!("loại {who} khỏi xét giải")
    }
}
fn prizes_reinstate(f: &Facts) -> String {
    match f.text(&f.before, "reason") {
        Some(reason) => {
            format!("bỏ quyết định loại một thí sinh khỏi xét giải (lý do loại trước đó: {})", reason.trim())
        }
        None => "bỏ quyết định loại một thí sinh khỏi xét giải".into(),
    }
}

// ---- anything else ---------------------------------------------------------

fn entity_words(entity: &str) -> &'static str {
    match entity {
        "unit" => "đơn vị",
        "contestant" => "thí sinh",
        "staff_account" => "tài khoản quản trị",
        "contest" => "cuộc thi",
        "exclusion" => "danh sách không được dự thi",
        "round" => "đợt thi",
        "question" => "câu hỏi",
        "topic" => "chủ đề",
        "prize_list" => "danh sách giải",
        _ => "dữ liệu",
    }
}

/// A code with no sentence of its own: what kind of thing changed, and the writer's summary.
fn fallback(f: &Facts) -> String {
    let what = format!("thay đổi {}", entity_words(f.entity));
    if f.summary.trim().is_empty() {
        what
    } else {
        format!("{what}: {}", f.summary.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts<'a>(
        action: &'a str,
        entity: &'a str,
        summary: &'a str,
        before: Value,
        after: Value,
    ) -> Facts<'a> {
        Facts { actor: "Nguyễn Văn A", action, entity, summary, before, after }
    }

    fn round_json(review: &str) -> Value {
        json!({"number": 2, "title": "Tuần 2", "opens_at": "01/12/2026 08:00", "closes_at": "08/12/2026 00:00",
            "questions_per_attempt": 20, "time_limit_seconds": 1200, "attempts_allowed": 2, "counted_attempt": "best",
            "prediction_kind": "none", "prediction_prompt": null, "review_policy": review, "practice": false,
            "pool_mode": "topics"})
    }

    /// Every action code the code base writes, with what a person reads for it.
    #[test]
    fn each_action_reads_as_a_sentence() {
        let n = Value::Null;
        let cases: Vec<(Facts, &str)> = vec![
            (
                facts(
                    "contestant.extra_time",
                    "contestant",
                    "Cộng thêm 50% thời gian làm bài cho thí sinh Trần Thị B (…)",
                    json!({"percent": 30, "reason": "Khiếm thị"}),
                    json!({"full_name": "Trần Thị B", "percent": 50, "reason": "Khiếm thị, dùng trình đọc màn hình"}),
                ),
                "Nguyễn Văn A cho thí sinh “Trần Thị B” được cộng thêm 50% thời gian làm bài (trước đó 30%)",
            ),
            (
                facts(
                    "contestant.extra_time_remove",
                    "contestant",
                    "Bỏ thời gian cộng thêm của thí sinh Trần Thị B",
                    json!({"full_name": "Trần Thị B", "percent": 50, "reason": "Khiếm thị"}),
                    n.clone(),
                ),
                "Nguyễn Văn A bỏ thời gian cộng thêm (50%) của thí sinh “Trần Thị B”",
            ),
            (
                facts("unit.create", "unit", "Đơn vị “Sở Tư pháp”", n.clone(), json!({"name": "Sở Tư pháp"})),
                "Nguyễn Văn A thêm đơn vị “Sở Tư pháp”",
            ),
            (
                facts(
                    "unit.update",
                    "unit",
                    "Đơn vị “Sở Tư pháp”",
                    json!({"name": "Sở Tư pháp", "headcount": 40, "parent_id": 1}),
                    json!({"name": "Sở Tư pháp", "headcount": 45, "parent_id": 2}),
                ),
                "Nguyễn Văn A sửa đơn vị “Sở Tư pháp”: đổi đơn vị cấp trên; đổi số người từ 40 thành 45",
            ),
            (
                facts("unit.delete", "unit", "Xóa đơn vị “Phòng A”", json!({"name": "Phòng A"}), n.clone()),
                "Nguyễn Văn A xóa đơn vị “Phòng A”",
            ),
            (
                facts(
                    "unit.import",
                    "unit",
                    "Nhập cây đơn vị: 3 đơn vị mới, 2 đơn vị cập nhật",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A nhập cây đơn vị: 3 đơn vị mới, 2 đơn vị cập nhật",
            ),
            (
                facts(
                    "contestant.lock",
                    "contestant",
                    "Khóa tài khoản thí sinh Trần Thị B; đăng xuất 2 phiên. Từ lần cập nhật số liệu tiếp theo, …",
                    json!({"locked": false}),
                    json!({"locked": true, "sessions_ended": 2}),
                ),
                "Nguyễn Văn A khóa tài khoản thí sinh Trần Thị B và đăng xuất 2 phiên đang mở",
            ),
            (
                facts(
                    "contestant.unlock",
                    "contestant",
                    "Mở khóa tài khoản thí sinh Trần Thị B; từ lần cập nhật số liệu tiếp theo, …",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A mở khóa tài khoản thí sinh Trần Thị B",
            ),
            (
                facts(
                    "contestant.correct",
                    "contestant",
                    "Sửa thông tin thí sinh Trần Thị B",
                    json!({"full_name": "Trần Thị B", "birth_date": "1990-05-04", "id_number": null, "unit_id": 3}),
                    json!({"full_name": "Trần Thị Bích", "birth_date": "1990-04-05", "id_number": null, "unit_id": 4}),
                ),
                "Nguyễn Văn A sửa thông tin thí sinh Trần Thị B: đổi họ tên từ “Trần Thị B” thành “Trần Thị Bích”; \
              đổi ngày sinh từ 04/05/1990 thành 05/04/1990; đổi đơn vị",
            ),
            (
                facts(
                    "contestant.reset_code",
                    "contestant",
                    "Cấp mã đặt lại mật khẩu cho thí sinh Trần Thị B (0912345678), hiệu lực đến 02/12/2026 10:00",
                    n.clone(),
                    json!({"expires_at": "2026-12-02T03:00:00+00:00"}),
                ),
                "Nguyễn Văn A cấp mã đặt lại mật khẩu cho thí sinh Trần Thị B (0912345678), hiệu lực đến 02/12/2026 10:00",
            ),
            (
                facts(
                    "account.create",
                    "staff_account",
                    "Tạo tài khoản c@so.vn (Ban tổ chức)",
                    n.clone(),
                    json!({"email": "c@so.vn", "role": "organizer", "unit_id": null}),
                ),
                "Nguyễn Văn A tạo tài khoản c@so.vn (Ban tổ chức)",
            ),
            (
                facts(
                    "account.set_active",
                    "staff_account",
                    "Khóa tài khoản c@so.vn",
                    n.clone(),
                    json!({"active": false}),
                ),
                "Nguyễn Văn A khóa tài khoản c@so.vn",
            ),
            (
                facts(
                    "account.revoke_sessions",
                    "staff_account",
                    "Đăng xuất tài khoản trên mọi thiết bị",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A đăng xuất một tài khoản quản trị trên mọi thiết bị",
            ),
            (
                facts(
                    "contest.create",
                    "contest",
                    "Cuộc thi “Tìm hiểu pháp luật”",
                    n.clone(),
                    json!({"title": "Tìm hiểu pháp luật"}),
                ),
                "Nguyễn Văn A tạo cuộc thi “Tìm hiểu pháp luật”",
            ),
            (
                facts(
                    "contest.update",
                    "contest",
                    "Cuộc thi “Tìm hiểu pháp luật”",
                    json!({"title": "Tìm hiểu pháp luật", "id_number_required": false, "rules": "a",
                    "categories": [{"code": "civil_servant", "name": "Cán bộ"}]}),
                    json!({"title": "Tìm hiểu pháp luật", "id_number_required": true, "rules": "b",
                    "categories": [{"code": "civil_servant", "name": "Cán bộ"}, {"code": "student", "name": "Học sinh"}]}),
                ),
                "Nguyễn Văn A sửa cuộc thi “Tìm hiểu pháp luật”: đổi việc bắt buộc nhập số căn cước từ không thành có; \
              đổi thể lệ; đổi các đối tượng dự thi từ “Cán bộ” thành “Cán bộ”, “Học sinh”",
            ),
            (
                facts(
                    "contest.publish",
                    "contest",
                    "Công bố cuộc thi “Tìm hiểu pháp luật”",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A công bố cuộc thi “Tìm hiểu pháp luật”",
            ),
            (
                facts(
                    "contest.unpublish",
                    "contest",
                    "Ngừng công bố cuộc thi “Tìm hiểu pháp luật”",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A ngừng công bố cuộc thi “Tìm hiểu pháp luật”",
            ),
            (
                facts(
                    "contest.exclusion_add",
                    "exclusion",
                    "Thêm vào danh sách không được dự thi",
                    n.clone(),
                    json!({"contest_id": 1, "phone": "0912345678", "id_number": ""}),
                ),
                "Nguyễn Văn A thêm số điện thoại 0912345678 vào danh sách không được dự thi",
            ),
            (
                facts(
                    "contest.exclusion_remove",
                    "exclusion",
                    "Xóa khỏi danh sách không được dự thi",
                    json!({"contest_id": 1, "phone": "0912345678", "id_number": "001090000001", "reason": "x"}),
                    n.clone(),
                ),
                "Nguyễn Văn A đưa người có số điện thoại 0912345678, số căn cước 001090000001 ra khỏi danh sách không được dự thi",
            ),
            (
                facts("round.create", "round", "Đợt thi “Tuần 2”", n.clone(), {
                    let mut a = round_json("never");
                    a["pool_size"] = json!(44);
                    a
                }),
                "Nguyễn Văn A tạo đợt thi “Tuần 2” (44 câu hỏi để rút đề)",
            ),
            (
                facts("round.update", "round", "Đợt thi “Tuần 2”", round_json("after_submit"), {
                    let mut a = round_json("after_close");
                    a["pool_size"] = json!(44);
                    a
                }),
                "Nguyễn Văn A sửa đợt thi “Tuần 2”: đổi cách xem đáp án từ “ngay sau khi nộp bài” thành “sau khi đợt thi kết thúc”",
            ),
            (
                facts("reports.rubric", "contest", "Thang điểm Chỉ số CCHC", json!("{}"), json!("{\"a\":1}")),
                "Nguyễn Văn A sửa thang điểm Chỉ số cải cách hành chính",
            ),
            (
                facts(
                    "question.import",
                    "question",
                    "Nhập 12 câu hỏi từ tệp “de.docx”, bỏ qua 1 câu trùng",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A nhập 12 câu hỏi từ tệp “de.docx”, bỏ qua 1 câu trùng",
            ),
            (
                facts("question.create", "question", "Câu hỏi #12", n.clone(), json!({"text": "?"})),
                "Nguyễn Văn A thêm câu hỏi #12",
            ),
            (
                facts(
                    "question.update",
                    "question",
                    "Câu hỏi #12",
                    json!({"text": "a", "correct": 0, "difficulty": 1}),
                    json!({"text": "b", "correct": 2, "difficulty": 1}),
                ),
                "Nguyễn Văn A sửa câu hỏi #12: đổi nội dung; đổi đáp án đúng từ phương án A thành phương án C",
            ),
            (
                facts(
                    "question.retire",
                    "question",
                    "Ngừng sử dụng câu hỏi #12",
                    json!({"active": true}),
                    json!({"active": false}),
                ),
                "Nguyễn Văn A ngừng sử dụng câu hỏi #12",
            ),
            (
                facts(
                    "question.restore",
                    "question",
                    "Dùng lại câu hỏi #12",
                    json!({"active": false}),
                    json!({"active": true}),
                ),
                "Nguyễn Văn A dùng lại câu hỏi #12",
            ),
            (
                facts(
                    "topic.create",
                    "topic",
                    "Chủ đề “Luật Đất đai”",
                    n.clone(),
                    json!({"name": "Luật Đất đai"}),
                ),
                "Nguyễn Văn A thêm chủ đề “Luật Đất đai”",
            ),
            (
                facts(
                    "topic.update",
                    "topic",
                    "Chủ đề “Luật Đất đai 2024”",
                    json!({"name": "Luật Đất đai"}),
                    json!({"name": "Luật Đất đai 2024"}),
                ),
                "Nguyễn Văn A đổi tên chủ đề “Luật Đất đai” thành “Luật Đất đai 2024”",
            ),
            (
                facts(
                    "prizes.tiers",
                    "contest",
                    "Cơ cấu giải: Tuần 2",
                    json!([]),
                    json!([{"position": 1, "name": "Giải Nhất", "quantity": 1, "category": "", "unit_points": 10.0},
                       {"position": 2, "name": "Giải Nhì", "quantity": 2, "category": "civil_servant", "unit_points": 5.0}]),
                ),
                "Nguyễn Văn A đặt cơ cấu giải Tuần 2: Giải Nhất (1 giải), Giải Nhì (2 giải)",
            ),
            (
                facts(
                    "prizes.rules",
                    "contest",
                    "Quy tắc giải cá nhân và công thức giải tập thể",
                    json!({"one_prize_per_person": true, "collective_rule": null}),
                    json!({"one_prize_per_person": false, "collective_rule": "{\"tiers\":[]}"}),
                ),
                "Nguyễn Văn A sửa quy tắc giải: đổi quy tắc mỗi người chỉ nhận một giải từ có thành không; \
              đổi công thức giải tập thể",
            ),
            (
                facts(
                    "prizes.approve",
                    "prize_list",
                    "Duyệt danh sách giải: Tuần 2 (3 giải)",
                    n.clone(),
                    json!([[1905, "Giải Nhất"], [1906, "Giải Nhì"], [1907, "Giải Ba"]]),
                ),
                "Nguyễn Văn A duyệt danh sách giải Tuần 2 (3 giải)",
            ),
            (
                facts("prizes.unapprove", "prize_list", "Bỏ duyệt: Tuần 2", n.clone(), n.clone()),
                "Nguyễn Văn A bỏ duyệt danh sách giải Tuần 2",
            ),
            (
                facts("prizes.publish", "prize_list", "Công bố giải: Tuần 2", n.clone(), n.clone()),
                "Nguyễn Văn A công bố danh sách giải Tuần 2",
            ),
            (
                facts(
                    "prizes.correct",
                    "prize_list",
                    "Tuần 2: thay Giải Ba cho người xếp sau",
                    n.clone(),
                    n.clone(),
                ),
                "Nguyễn Văn A cập nhật danh sách giải Tuần 2: thay Giải Ba cho người xếp sau",
            ),
            (
                facts(
                    "prizes.disqualify",
                    "contestant",
                    "Loại khỏi xét giải: Trần Thị B (Tìm hiểu pháp luật). Từ lần cập nhật số liệu tiếp theo, …",
                    n.clone(),
                    json!({"counted": false}),
                ),
                "Nguyễn Văn A loại Trần Thị B (Tìm hiểu pháp luật) khỏi xét giải",
            ),
            (
                facts(
                    "prizes.reinstate",
                    "contestant",
                    "Bỏ quyết định loại khỏi xét giải",
                    json!({"reason": "Thi hộ", "by": "x@so.vn"}),
                    n.clone(),
                ),
                "Nguyễn Văn A bỏ quyết định loại một thí sinh khỏi xét giải (lý do loại trước đó: Thi hộ)",
            ),
        ];
        for (f, want) in &cases {
            assert!(describer(f.action).is_some(), "{} has no sentence of its own", f.action);
            let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(sentence(f), want, "{}", f.action);
        }
        // Every code written anywhere in the code base is in the table above.
        let tested: std::collections::BTreeSet<&str> = cases.iter().map(|(f, _)| f.action).collect();
        for code in written_codes() {
            assert!(
                tested.contains(code.as_str()),
                "{code} is written to the audit log but has no sentence test"
            );
        }
    }

    #[test]
    fn no_code_or_json_in_any_sentence() {
        for code in written_codes() {
            let f = facts(&code, "contest", "", json!({"a": [[1, "x"]]}), json!({"a": {"b": 1}}));
            let s = sentence(&f);
            assert!(!s.contains('{') && !s.contains("[[") && !s.contains(&code), "{code}: {s}");
        }
    }

    #[test]
    fn an_unknown_code_still_reads_plainly() {
        let f = facts("contest.archive", "contest", "Lưu trữ cuộc thi “X”", Value::Null, json!({"x": 1}));
        assert_eq!(sentence(&f), "Nguyễn Văn A thay đổi cuộc thi: Lưu trữ cuộc thi “X”");
        let f = facts("thing.do", "thing", "", Value::Null, Value::Null);
        assert_eq!(sentence(&f), "Nguyễn Văn A thay đổi dữ liệu");
    }

    #[test]
    fn raw_json_from_the_store_is_parsed() {
        let f = Facts::new(
            "A",
            "question.retire",
            "question",
            Some("Ngừng sử dụng câu hỏi #3"),
            Some("{\"active\":true}"),
            Some("not json"),
        );
        assert_eq!(f.before, json!({"active": true}));
        assert_eq!(f.after, Value::Null);
        assert_eq!(sentence(&f), "A ngừng sử dụng câu hỏi #3");
    }

    /// The action codes in the writers' source: `Change::new("x.y", …` (also inside an
    /// `if … { "x.y" } else { "x.z" }`), `Change::saved(["x.create", "x.update"], …` and
    /// `action: "x.y"`.
    fn written_codes() -> Vec<String> {
        let mut codes = std::collections::BTreeSet::new();
        // At run time: cargo may reuse a test binary built in another checkout.
        let root = std::path::PathBuf::from(
            std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
        )
        .join("src");
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("audit/sentence.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for line in text.lines() {
                        let writes = line.contains("Change::new(")
                            || line.contains("Change::saved(")
                            || line.contains("action: \"");
                        if !writes {
                            continue;
                        }
                        for (i, piece) in line.split('"').enumerate() {
                            let code_like = i % 2 == 1
                                && piece.contains('.')
                                && piece.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
                            if code_like {
                                codes.insert(piece.to_owned());
                            }
                        }
                    }
                }
            }
        }
        assert!(codes.len() >= 30, "the grep found only {codes:?}");
        codes.into_iter().collect()
    }
}
