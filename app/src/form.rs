//! Small pieces every form page shares: the message next to a field.
use crate::error::AppError;
use leptos::prelude::*;

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
