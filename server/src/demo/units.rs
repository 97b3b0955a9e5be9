//! Lạng Sơn's unit tree in 2022 (provincial agencies, central agencies in the
//! province, party and mass organisations, the 11 districts with offices and
//! communes), with demo headcounts.
use super::DemoError;
use app::entities::unit::{self, UnitKind};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Deserialize;

const UNITS_JSON: &str = include_str!("units.json");

#[derive(Debug, Deserialize)]
struct UnitNode {
    code: String,
    name: String,
    kind: String,
    headcount: i32,
    #[serde(default)]
    children: Vec<UnitNode>,
}

/// Inserts the whole tree, parents before children; returns the root's id.
pub async fn insert_all(db: &impl ConnectionTrait) -> Result<i32, DemoError> {
    let root: UnitNode = serde_json::from_str(UNITS_JSON)
        .map_err(|e| DemoError::Data { file: "units.json", reason: e.to_string() })?;
    // Depth-first with an explicit stack: (node, parent id, position among siblings).
    let mut stack: Vec<(&UnitNode, Option<i32>, i32)> = vec![(&root, None, 0)];
    let mut root_id = None;
    while let Some((node, parent_id, position)) = stack.pop() {
        let saved = unit::ActiveModel {
            parent_id: Set(parent_id),
            code: Set(node.code.clone()),
            name: Set(node.name.clone()),
            kind: Set(UnitKind::parse(&node.kind).ok_or_else(|| DemoError::Data {
                file: "units.json",
                reason: format!("unit {}: unknown kind {:?}", node.code, node.kind),
            })?),
            headcount: Set(node.headcount),
            sort_order: Set(position),
            ..Default::default()
        }
        .insert(db)
        .await?;
        root_id.get_or_insert(saved.id);
        for (i, child) in node.children.iter().enumerate().rev() {
            stack.push((child, Some(saved.id), i as i32));
        }
    }
    root_id.ok_or(DemoError::Data { file: "units.json", reason: "empty tree".into() })
}
