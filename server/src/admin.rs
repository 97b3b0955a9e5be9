//! `server create-admin`: the first admin account, made on the server's own
//! terminal so that no default password ever exists.
use crate::config::CreateAdminArgs;
use app::entities::staff_account;
use app::staff::{service, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use std::io::BufRead;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("không đọc được mật khẩu / cannot read the password: {0}")]
    Read(#[from] std::io::Error),
    #[error("{0}")]
    Refused(String),
}

fn refused(err: app::error::AppError) -> AdminError {
    match err {
        app::error::AppError::Invalid(fields) => {
            AdminError::Refused(fields.into_values().collect::<Vec<_>>().join(" "))
        }
        other => AdminError::Refused(other.to_string()),
    }
}

fn read_password(from_stdin: bool) -> Result<String, AdminError> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Mật khẩu / password: ")?;
    let again = rpassword::prompt_password("Nhập lại / again: ")?;
    if first != again {
        return Err(AdminError::Refused("Hai lần nhập mật khẩu không khớp / the passwords differ.".into()));
    }
    Ok(first)
}

/// Creates the admin, or (if the e-mail exists) makes it an active admin with
/// the new password and ends its sessions: the recovery path for a lost password.
pub async fn create_admin(db: &DatabaseConnection, args: CreateAdminArgs) -> Result<String, AdminError> {
    let password = read_password(args.password_stdin)?;
    if let Some(problem) = service::password_problem(&password) {
        return Err(AdminError::Refused(problem));
    }
    let email = service::normalize_email(&args.email);
    let existing = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(&email))
        .one(db)
        .await
        .map_err(|e| AdminError::Refused(e.to_string()))?;
    if let Some(account) = existing {
        let id = account.id;
        service::set_password(db, id, password).await.map_err(refused)?;
        let mut active = account.into_active_model();
        active.role = Set(Role::Admin);
        active.active = Set(true);
        active.unit_id = Set(None);
        active.update(db).await.map_err(|e| AdminError::Refused(e.to_string()))?;
        return Ok(format!("Đã đặt lại mật khẩu và quyền quản trị cho {email} / admin updated."));
    }
    let new = service::NewAccount {
        email: email.clone(),
        full_name: args.name,
        role: Role::Admin,
        unit_id: None,
        password,
    };
    service::create_account(db, new, chrono::Utc::now()).await.map_err(refused)?;
    Ok(format!("Đã tạo tài khoản quản trị {email} / admin created."))
}
