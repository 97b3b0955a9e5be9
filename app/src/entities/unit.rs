//! A unit (đơn vị): province, agency, district, commune or office.
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub parent_id: Option<i32>,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub headcount: i32,
    pub sort_order: i32,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}

/// What kind of body a unit is, over the existing text column (no data
/// migration): a stored value outside these is a read error, never a silent
/// default. The wire and the unit sheet carry its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum UnitKind {
    /// The province itself (tỉnh), the tree's root.
    #[sea_orm(string_value = "province")]
    Province,
    /// A department, board or agency of the province (sở, ban, ngành).
    #[sea_orm(string_value = "agency")]
    Agency,
    /// A district or city (huyện, thành phố).
    #[sea_orm(string_value = "district")]
    District,
    /// A commune, ward or town (xã, phường, thị trấn).
    #[sea_orm(string_value = "commune")]
    Commune,
    /// An office inside a unit (phòng, ban).
    #[sea_orm(string_value = "office")]
    Office,
    #[sea_orm(string_value = "other")]
    Other,
}

impl UnitKind {
    pub fn code(self) -> String {
        self.to_value()
    }

    /// The kind for a code from the wire, or `None` for any other text.
    pub fn parse(code: &str) -> Option<Self> {
        <Self as ActiveEnum>::try_from_value(&code.to_owned()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_read_back_from_its_code_and_nothing_else_is() {
        for kind in <UnitKind as sea_orm::Iterable>::iter() {
            assert_eq!(UnitKind::parse(&kind.code()), Some(kind));
        }
        assert_eq!(UnitKind::parse("agency"), Some(UnitKind::Agency));
        assert_eq!(UnitKind::parse("Agency"), None);
        assert_eq!(UnitKind::parse(""), None);
    }
}
