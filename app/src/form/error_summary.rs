//! The error summary at the top of a form, after the GOV.UK Design System's
//! pattern: once a submit fails, a box titled "Có lỗi cần sửa" lists every
//! problem as a link to its field and takes the focus, so that the page moves
//! to it (on a 360 px phone the errors would otherwise sit above the button,
//! off-screen). Without JavaScript the page comes back from the server with
//! the box rendered `autofocus` and the address ending in `#error-summary`.
use crate::error::AppError;
use leptos::prelude::*;

/// The box's element id: the fragment that the no-JavaScript path ends in.
pub const SUMMARY_ID: &str = "error-summary";

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The id of the field to fix; `None` for a problem of the whole form
    /// (too many tries, server unreachable), shown as text.
    pub target: Option<String>,
    pub message: String,
}

/// The problems of a failed submit, in the order of the form's fields:
/// `fields` pairs each field's name on the wire with its element id. Field
/// errors the form does not list come last, as text; any other error is one
/// line, linked to `whole_form` if given (a wrong sign-in pair, for example,
/// is fixed from the first field).
pub fn problems(error: &AppError, fields: &[(&str, &str)], whole_form: Option<&str>) -> Vec<Problem> {
    match error {
        AppError::Invalid(messages) => {
            let mut list: Vec<Problem> = fields
                .iter()
                .filter_map(|(name, id)| {
                    messages
                        .get(*name)
                        .map(|message| Problem { target: Some((*id).to_owned()), message: message.clone() })
                })
                .collect();
            list.extend(
                messages
                    .iter()
                    .filter(|(name, _)| !fields.iter().any(|(known, _)| known == name))
                    .map(|(_, message)| Problem { target: None, message: message.clone() }),
            );
            list
        }
        other => vec![Problem { target: whole_form.map(str::to_owned), message: other.to_string() }],
    }
}

/// [`problems`] of the last answer of an action, if it failed.
pub fn problems_of<T>(
    answer: Option<&Result<T, AppError>>,
    fields: &[(&str, &str)],
    whole_form: Option<&str>,
) -> Vec<Problem> {
    match answer {
        Some(Err(error)) => problems(error, fields, whole_form),
        _ => Vec::new(),
    }
}

/// The summary box. Always in the page (hidden while there is nothing to
/// fix), so that the server and the browser render the same elements. Each
/// time `problems` is set again and is not empty, the box takes the focus;
/// not at hydration, where the server's `autofocus` has already placed it and
/// the person may have moved on.
#[component]
pub fn ErrorSummary(#[prop(into)] problems: Signal<Vec<Problem>>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let empty = move || problems.with(Vec::is_empty);
    Effect::new(move |seen: Option<()>| {
        let show = !problems.with(Vec::is_empty);
        if seen.is_some() && show {
            if let Some(el) = node.get_untracked() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div id=SUMMARY_ID class="error-summary" role="alert" tabindex="-1"
            aria-labelledby="error-summary-title" node_ref=node
            hidden=empty autofocus=move || !empty()>
            <h2 id="error-summary-title">"Có lỗi cần sửa"</h2>
            <ul>
                {move || problems.get().into_iter().map(|p| view! { <li>{line(p)}</li> }).collect_view()}
            </ul>
        </div>
    }
}

fn line(problem: Problem) -> impl IntoView {
    match problem.target {
        Some(target) => {
            let href = format!("#{target}");
            view! {
                <a href=href on:click=move |ev| jump(ev, &target)>{problem.message}</a>
            }
            .into_any()
        }
        None => view! { <span>{problem.message}</span> }.into_any(),
    }
}

/// Moves to the field itself, not only to its place in the page: its label
/// comes into view (a phone would otherwise show the field with no label
/// above it) and the field takes the focus. Handled on the link itself (event
/// delegation is off), before the router's window-wide handler would turn the
/// `#id` into a navigation that only scrolls; it leaves prevented clicks alone.
/// On the pages whose forms are plain HTML, `form::enhance` does the same.
#[allow(unused_variables)]
fn jump(ev: leptos::ev::MouseEvent, target: &str) {
    #[cfg(feature = "hydrate")]
    if focus_field(target) {
        ev.prevent_default();
    }
}

/// Brings field `target`'s label into view and focuses the field; false if
/// the page has no such field (the link then does what a link does).
#[cfg(feature = "hydrate")]
pub(crate) fn focus_field(target: &str) -> bool {
    use leptos::wasm_bindgen::JsCast;
    let doc = document();
    let Some(field) = doc.get_element_by_id(target) else { return false };
    let label = doc.query_selector(&format!("label[for=\"{target}\"]")).ok().flatten();
    match label {
        Some(label) => label.scroll_into_view(),
        None => field.scroll_into_view(),
    }
    if let Ok(field) = field.dyn_into::<leptos::web_sys::HtmlElement>() {
        let _ = field.focus();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldErrors;

    const FORM: [(&str, &str); 3] = [("full_name", "full_name"), ("phone", "phone"), ("unit_id", "unit_id")];

    fn link(id: &str, message: &str) -> Problem {
        Problem { target: Some(id.to_owned()), message: message.to_owned() }
    }

    #[test]
    fn field_errors_follow_the_form_and_link_to_their_field() {
        // The map is alphabetical; the summary follows the form's order.
        let error = AppError::Invalid(FieldErrors::from([
            ("unit_id".to_owned(), "Vui lòng chọn đơn vị.".to_owned()),
            ("phone".to_owned(), "Vui lòng nhập số điện thoại.".to_owned()),
            ("aaa_other".to_owned(), "Một lỗi khác.".to_owned()),
        ]));
        let form = [("unit_id", "unit_id"), ("phone", "login-phone")];
        assert_eq!(
            problems(&error, &form, None),
            vec![
                link("unit_id", "Vui lòng chọn đơn vị."),
                link("login-phone", "Vui lòng nhập số điện thoại."),
                Problem { target: None, message: "Một lỗi khác.".into() },
            ]
        );
    }

    #[test]
    fn a_duplicate_phone_links_to_the_phone_field() {
        let error = AppError::invalid("phone", "Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.");
        assert_eq!(
            problems(&error, &FORM, None),
            vec![link("phone", "Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.")]
        );
    }

    #[test]
    fn other_errors_are_one_line_linked_where_the_form_says() {
        let wrong = AppError::BadCredentials("Số điện thoại hoặc mật khẩu không đúng.".into());
        assert_eq!(
            problems(&wrong, &FORM, Some("login-phone")),
            vec![link("login-phone", "Số điện thoại hoặc mật khẩu không đúng.")]
        );
        let busy = problems(&AppError::Throttled { retry_after: 120 }, &FORM, None);
        assert_eq!(busy.len(), 1);
        assert_eq!(busy[0].target, None);
        assert!(busy[0].message.contains("2 phút"), "{}", busy[0].message);
    }

    #[test]
    fn nothing_to_fix_before_a_submit_or_after_a_success() {
        assert!(problems_of::<()>(None, &FORM, None).is_empty());
        assert!(problems_of(Some(&Ok(())), &FORM, None).is_empty());
        assert_eq!(problems_of::<()>(Some(&Err(AppError::Forbidden)), &FORM, None).len(), 1);
    }
}
