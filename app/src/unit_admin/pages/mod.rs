//! The unit pages of the dashboard: the tree, and who has taken part.
mod participation;
mod tree;

pub use participation::ParticipationPage;
pub use tree::UnitTreePage;
