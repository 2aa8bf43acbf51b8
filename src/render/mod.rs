//! Render: Markdown → HTML, and page contexts through Tera templates.
pub mod chart;
pub mod dataset_table;
pub mod glossary;
pub mod highlight;
pub mod markdown;
pub mod memo;
pub mod packed;
pub mod page_md;
pub mod plan_chart;
pub mod published;
pub mod templates;
