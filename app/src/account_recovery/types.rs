//! The wire types of account recovery: what the browser and the JSON API see (docs/api.md).
//! The server functions that send them are in `api.rs`.
use serde::{Deserialize, Serialize};

/// Who is signed in, for the site header: a contestant's name, or nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitor {
    pub full_name: String,
}

/// The answer to a reset request: always the same words, whoever was named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetRequested {
    pub message: String,
}

/// The neutral answer to every well-formed reset request.
pub const REQUESTED: &str =
    "Nếu thông tin này khớp với một tài khoản có email, chúng tôi vừa gửi đến email đó \
     một đường dẫn đặt lại mật khẩu. Đường dẫn dùng được một lần, trong 30 phút. Nếu không nhận được thư, \
     hãy xem cả hộp thư rác, hoặc nhờ đầu mối đơn vị hay Ban Tổ chức cấp mã đặt lại.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordSet {
    pub ok: bool,
}

/// A reset code as issued from the dashboard, shown once to the staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCode {
    /// "ABCD-EFGH"
    pub code: String,
    pub full_name: String,
    pub phone: String,
    /// dd/mm/yyyy HH:MM
    pub expires_at: String,
}
