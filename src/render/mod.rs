//! Render: Markdown → HTML, and page contexts through Tera templates.
pub mod glossary;
pub mod highlight;
pub mod markdown;
pub mod templates;
