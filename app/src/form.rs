//! Small pieces every form page shares: the message next to a field, the
//! error summary at the top of a form, and the way back to a form posted
//! without JavaScript.
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(all(feature = "hydrate", not(any(feature = "islands-quiz", feature = "islands-live"))))]
pub mod enhance;
mod error_summary;
pub mod routes;
mod typed;
mod unit_picker;

pub use error_summary::{problems, problems_of, ErrorSummary, Problem, SUMMARY_ID};
#[cfg(feature = "ssr")]
pub use typed::{back_address, back_to_form, or_back_to_form};
pub use typed::{
    typed_values, Typed, TypedValues, FORGOT_FORM, LOGIN_FORM, PROFILE_FORM, REGISTER_FORM, RESET_CODE_FORM,
    STAFF_LOGIN_FORM,
};
pub use unit_picker::UnitPicker;

/// The message for `field` in the last answer of an action, if any.
pub fn field_error(
    value: impl Fn() -> Option<Result<(), AppError>> + Copy + Send + Sync + 'static,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || match value() {
        Some(Err(AppError::Invalid(fields))) => fields.get(field).cloned(),
        _ => None,
    }
}

#[component]
pub fn FieldError(message: Signal<Option<String>>, id: &'static str) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="field-error" id=id role="alert">{move || message.get()}</p>
        </Show>
    }
}

/// What the last save of a dashboard form answered (None before the first).
pub type Outcome<T> = RwSignal<Option<Result<T, AppError>>>;

/// The message for `name` among the last save's field errors.
pub fn field_message<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>, name: &str) -> Option<String> {
    outcome.with(|o| match o {
        Some(Err(AppError::Invalid(fields))) => fields.get(name).cloned(),
        _ => None,
    })
}

/// The fields among `fields` (value, name, "Vui lòng nhập …") left empty:
/// number fields are sent as 0 then, which the server calls out of range.
pub fn blanks(
    fields: &[(RwSignal<String>, &'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    fields
        .iter()
        .filter(|(value, _, _)| value.with_untracked(|v| v.trim().is_empty()))
        .map(|(_, name, message)| (*name, *message))
        .collect()
}

/// `error` with each empty field's message (from [`blanks`]) in place of the
/// server's: a field left empty is asked for, not called wrong.
pub fn ask_for_blanks(error: AppError, blanks: &[(&str, &str)]) -> AppError {
    match error {
        AppError::Invalid(mut fields) => {
            for (name, message) in blanks {
                if let Some(text) = fields.get_mut(*name) {
                    *text = (*message).to_owned();
                }
            }
            AppError::Invalid(fields)
        }
        other => other,
    }
}

/// The notice above a form after a successful save (its errors are in the
/// [`ErrorSummary`]): (css class, text).
pub fn saved_notice<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
    saved: &str,
) -> Option<(&'static str, String)> {
    outcome.with(|o| matches!(o, Some(Ok(_))).then(|| ("notice", saved.to_owned())))
}

/// The banner above a form after a save: (css class, text).
pub fn banner<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
    saved: &str,
) -> Option<(&'static str, String)> {
    outcome.with(|o| match o {
        Some(Ok(_)) => Some(("notice", saved.to_owned())),
        Some(Err(AppError::Invalid(_))) => {
            Some(("form-error", "Vui lòng sửa các ô được đánh dấu.".to_owned()))
        }
        Some(Err(e)) => Some(("form-error", e.to_string())),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldErrors;

    #[test]
    fn an_empty_number_field_is_asked_for_not_called_out_of_range() {
        let server = AppError::Invalid(FieldErrors::from([
            ("number".to_owned(), "Số thứ tự đợt thi phải từ 1 trở lên.".to_owned()),
            ("questions_per_attempt".to_owned(), "Số câu mỗi lượt thi từ 1 đến 200.".to_owned()),
        ]));
        let blanks = [
            ("number", "Vui lòng nhập số thứ tự đợt thi."),
            ("attempts_allowed", "Vui lòng nhập số lượt thi mỗi người."),
        ];
        let AppError::Invalid(fields) = ask_for_blanks(server, &blanks) else { panic!("still invalid") };
        assert_eq!(fields["number"], "Vui lòng nhập số thứ tự đợt thi.");
        // Typed but out of range: the range stays.
        assert_eq!(fields["questions_per_attempt"], "Số câu mỗi lượt thi từ 1 đến 200.");
        // Empty but accepted by the server: no error is made up.
        assert!(!fields.contains_key("attempts_allowed"));
        assert_eq!(ask_for_blanks(AppError::Forbidden, &blanks), AppError::Forbidden);
    }

    #[test]
    fn blanks_are_the_empty_fields() {
        let owner = Owner::new();
        owner.with(|| {
            let empty = RwSignal::new("  ".to_owned());
            let filled = RwSignal::new("20".to_owned());
            assert_eq!(
                blanks(&[(empty, "number", "Vui lòng nhập số."), (filled, "questions_per_attempt", "x")]),
                vec![("number", "Vui lòng nhập số.")]
            );
        });
    }
}
