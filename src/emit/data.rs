//! Open data under `/data/`: each table as `/data/<name>.json` (an array of
//! objects) and `/data/<name>.csv` (RFC 4180, header row, UTF-8), a JSON
//! Schema per JSON file at `/data/schema/<name>.schema.json`, committees and
//! people as Popolo (`/data/popolo.json`), and the `/data/` page listing
//! every file with its description, row count, licence and last update.
//!
//! A table is declared once — its columns with their types — and its JSON,
//! CSV and schema are all written from that one declaration, so the three
//! cannot disagree: JSON and CSV hold the same rows in the same order, and
//! the schema describes exactly the columns written. The rows come from
//! `data_tables` (the published index and the resolved site's public
//! entities); nothing here decides what is public.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::contexts::{Crumbs, PageMd};
use super::frame::{finish_page, frame};
use super::{EmitContext, Emitter, Output, absolute_url};
use crate::diagnostics::Diagnostic;
use crate::load::primitives::Date;

pub struct Data;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    /// An absolute URL.
    Url,
}

/// One column: its name, type, whether it may be empty, and what it means.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    pub nullable: bool,
    pub description: &'static str,
}

/// A required column.
pub const fn col(name: &'static str, ty: Type, description: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: false,
        description,
    }
}

/// A column that may be empty (`null` in JSON, an empty field in CSV).
pub const fn opt(name: &'static str, ty: Type, description: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: true,
        description,
    }
}

/// A table's rows, made on demand: each is given to the callback in turn,
/// one value per column in column order. At archive scale a table has
/// hundreds of thousands of rows, so they are made once for each file
/// written from them and never held all at once.
pub type Rows<'a> = Box<dyn Fn(&mut dyn FnMut(Vec<Value>)) + 'a>;

/// A JSON file this large (the agenda items' and the decisions' at
/// archive scale) has its memory given back as soon as it is stored.
const LARGE_BYTES: usize = 32 << 20;

/// The buffer's pieces: a large file is written a piece at a time.
const PIECE_BYTES: usize = 1 << 20;

/// A buffer written in pieces, then joined into one of exactly its size,
/// each piece let go of as it is copied. A buffer grown by doubling as it
/// was written (69 MB for the agenda items' JSON at 100,000 documents) was
/// copied into one twice its size: a peak of three times the file.
#[derive(Default)]
struct Pieces {
    done: Vec<Vec<u8>>,
    last: Vec<u8>,
}

impl Pieces {
    fn join(self) -> Vec<u8> {
        if self.done.is_empty() {
            return self.last;
        }
        let len = self.done.iter().map(Vec::len).sum::<usize>() + self.last.len();
        let mut out = Vec::with_capacity(len);
        for piece in self.done {
            out.extend_from_slice(&piece);
        }
        out.extend_from_slice(&self.last);
        out
    }
}

impl std::io::Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.last.extend_from_slice(buf);
        if self.last.len() >= PIECE_BYTES {
            self.done.push(std::mem::take(&mut self.last));
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One open-data table.
pub struct Table<'a> {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    /// The latest content date behind the rows (never later than `as_of`).
    pub updated: Option<Date>,
}

impl Table<'_> {
    /// The rows as pretty JSON objects, keys in name order (as a JSON map
    /// orders them), written row by row; and the number of rows.
    pub fn json(&self) -> Result<(Vec<u8>, usize), String> {
        let (pieces, n) = self.write_json(Pieces::default())?;
        Ok((pieces.join(), n))
    }

    fn write_json<W: std::io::Write>(&self, w: W) -> Result<(W, usize), String> {
        use serde::ser::{SerializeSeq, Serializer};
        let mut order: Vec<usize> = (0..self.columns.len()).collect();
        order.sort_by_key(|&i| self.columns.get(i).map(|c| c.name));
        let mut ser = serde_json::Serializer::pretty(w);
        let mut seq = ser.serialize_seq(None).map_err(|e| e.to_string())?;
        let count = self.each_row(|values| {
            let row = Row {
                columns: &self.columns,
                values,
                order: &order,
            };
            seq.serialize_element(&row).map_err(|e| e.to_string())
        })?;
        seq.end().map_err(|e| e.to_string())?;
        let mut w = ser.into_inner();
        w.write_all(b"\n").map_err(|e| e.to_string())?;
        Ok((w, count))
    }

    /// The rows as CSV: a header row, then one record per row.
    pub fn csv(&self) -> Result<Vec<u8>, String> {
        Ok(self.write_csv(Pieces::default())?.join())
    }

    fn write_csv<W: std::io::Write>(&self, w: W) -> Result<W, String> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        w.write_record(self.columns.iter().map(|c| c.name))
            .map_err(|e| e.to_string())?;
        self.each_row(|row| w.write_record(row.iter().map(csv_field)).map_err(|e| e.to_string()))?;
        w.into_inner().map_err(|e| e.to_string())
    }

    /// Make the rows, giving each to `write` until it fails: the number of
    /// rows, or the first failure.
    fn each_row(&self, mut write: impl FnMut(&[Value]) -> Result<(), String>) -> Result<usize, String> {
        let (mut count, mut failed) = (0, None);
        (self.rows)(&mut |values| {
            count += 1;
            if failed.is_none()
                && let Err(e) = write(&values)
            {
                failed = Some(e);
            }
        });
        failed.map_or(Ok(count), Err)
    }

    /// A JSON Schema (draft 2020-12) for [`Table::json`].
    pub fn schema(&self, id: &str) -> Value {
        let mut props = Map::new();
        for c in &self.columns {
            let (ty, format) = match c.ty {
                Type::Text => ("string", None),
                Type::Integer => ("integer", None),
                Type::Number => ("number", None),
                Type::Boolean => ("boolean", None),
                Type::Date => ("string", Some("date")),
                Type::Url => ("string", Some("uri")),
            };
            let mut p = json!({
                "type": if c.nullable { json!([ty, "null"]) } else { json!(ty) },
                "description": c.description,
            });
            if let Some(f) = format {
                p["format"] = json!(f);
            }
            if c.ty == Type::Date {
                p["pattern"] = json!("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
            }
            props.insert(c.name.to_string(), p);
        }
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": id,
            "title": self.title,
            "description": self.description,
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": false,
                "required": self.columns.iter().map(|c| c.name).collect::<Vec<_>>(),
                "properties": props,
            },
        })
    }
}

/// A JSON value as a CSV field: empty for null, `true`/`false`, numbers as JSON writes them.
fn csv_field(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A row, serialised as a JSON object in `order` of columns.
struct Row<'a> {
    columns: &'a [Column],
    values: &'a [Value],
    order: &'a [usize],
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.order
                .iter()
                .filter_map(|&i| Some((self.columns.get(i)?.name, self.values.get(i)?))),
        )
    }
}

/// Pretty JSON with a final newline.
pub fn pretty(v: &impl Serialize) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(v).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One row of the `/data/` page.
#[derive(Serialize)]
struct Listed {
    name: String,
    title: String,
    description: String,
    rows: usize,
    updated: Option<String>,
    json: String,
    csv: Option<String>,
    schema: String,
}

impl Emitter for Data {
    fn name(&self) -> &'static str {
        "data"
    }

    fn emit(&self, cx: &EmitContext, out: &mut Output) -> Vec<Diagnostic> {
        let site = cx.site;
        let mut diags = Vec::new();
        let mut listed = Vec::new();
        let mut fail = |path: &str, e: String| {
            diags.push(Diagnostic::error(
                path,
                1,
                1,
                format!("this data file could not be written: {e}"),
            ));
        };
        for t in super::data_tables::tables(cx) {
            let schema_path = format!("data/schema/{}.schema.json", t.name);
            let schema_id = absolute_url(site, &site.config.url(&schema_path));
            let json_path = format!("data/{}.json", t.name);
            let csv_path = format!("data/{}.csv", t.name);
            // One file's bytes at a time: at archive scale a table's JSON
            // and CSV are tens of megabytes each.
            let mut rows = 0;
            match t.json() {
                Ok((bytes, n)) => {
                    rows = n;
                    let large = bytes.len() > LARGE_BYTES;
                    out.add(json_path.clone(), bytes);
                    // The largest files' memory back before the next is made
                    // (giving back costs time, so only after these).
                    if large {
                        crate::heap::trim();
                    }
                }
                Err(e) => fail(&json_path, e),
            }
            match t.csv() {
                Ok(bytes) => out.add(csv_path.clone(), bytes),
                Err(e) => fail(&csv_path, e),
            }
            match pretty(&t.schema(&schema_id)) {
                Ok(bytes) => out.add(schema_path.clone(), bytes),
                Err(e) => fail(&schema_path, e),
            }
            listed.push(Listed {
                name: t.name.to_string(),
                title: t.title.to_string(),
                description: t.description.to_string(),
                rows,
                updated: t.updated.map(Date::long),
                json: site.config.url(&json_path),
                csv: Some(site.config.url(&csv_path)),
                schema: site.config.url(&schema_path),
            });
        }
        let popolo = super::popolo::popolo(site);
        let schema_path = "data/schema/popolo.schema.json";
        let schema = super::popolo::schema(&absolute_url(site, &site.config.url(schema_path)));
        match (pretty(&popolo.json), pretty(&schema)) {
            (Ok(j), Ok(s)) => {
                out.add("data/popolo.json", j);
                out.add(schema_path, s);
            }
            (Err(e), _) | (_, Err(e)) => fail("data/popolo.json", e),
        }
        listed.push(Listed {
            name: "popolo".into(),
            title: "Committees and members (Popolo)".into(),
            description: "People, committees, parties and memberships with roles and dates, in the Popolo \
                          standard's shape: persons, organizations and memberships."
                .into(),
            rows: popolo.count,
            updated: popolo.updated.map(|d| d.min(site.config.as_of).long()),
            json: site.config.url("data/popolo.json"),
            csv: None,
            schema: site.config.url(schema_path),
        });
        let page = data_page(cx, &listed);
        diags.extend(page.diags);
        out.add(page.path, page.html);
        diags
    }
}

/// The open data page: the files to download and their licence.
#[derive(Serialize)]
struct DataPage<'a> {
    files: &'a [Listed],
    licence: &'a crate::load::site::Licence,
}

fn data_page(cx: &EmitContext, listed: &[Listed]) -> super::frame::PageOut {
    let site = cx.site;
    let md = PageMd::new(cx.renderer);
    let page = DataPage {
        files: listed,
        licence: &site.config.licence,
    };
    let url = site.config.url("data/");
    let f = frame(
        "Open data",
        &url,
        "Meetings, agenda items, documents, decisions, recommendations, attendance and measures as JSON and CSV".into(),
        Crumbs::home(site).done(),
        "data",
    );
    finish_page(cx, "data.html", &page, f, md)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_join_into_what_was_written() {
        use std::io::Write;
        let mut written = Vec::new();
        let mut p = Pieces::default();
        for i in 0..80_000u32 {
            let line = format!("row {i}: {}\n", "x".repeat((i % 97) as usize));
            p.write_all(line.as_bytes()).unwrap();
            written.extend_from_slice(line.as_bytes());
        }
        assert!(written.len() > 3 * PIECE_BYTES, "the test writes several pieces");
        assert!(p.done.len() >= 3);
        let joined = p.join();
        assert_eq!(
            joined.len(),
            joined.capacity(),
            "joined into a buffer of exactly its size"
        );
        assert_eq!(joined, written);
        let mut small = Pieces::default();
        small.write_all(b"[]").unwrap();
        assert_eq!(small.join(), b"[]");
    }

    fn table() -> Table<'static> {
        Table {
            name: "t",
            title: "T",
            description: "A test table",
            columns: vec![
                col("id", Type::Text, "Id"),
                opt("n", Type::Integer, "A number"),
                col("ok", Type::Boolean, "Yes or no"),
                opt("on", Type::Date, "A day"),
            ],
            rows: Box::new(|row| {
                row(vec![json!("a,\"b\""), json!(3), json!(true), json!("2020-01-02")]);
                row(vec![json!("line\nbreak"), Value::Null, json!(false), Value::Null]);
            }),
            updated: None,
        }
    }

    #[test]
    fn rows_are_made_for_each_file_and_counted() {
        let t = table();
        let (json, rows) = t.json().unwrap();
        assert_eq!(rows, 2);
        // The same bytes as the whole table serialised at once.
        let all: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(json, pretty(&all).unwrap());
        let empty = Table {
            rows: Box::new(|_| {}),
            ..table()
        };
        assert_eq!(empty.json().unwrap(), (b"[]\n".to_vec(), 0));
        assert_eq!(empty.csv().unwrap(), b"id,n,ok,on\r\n");
    }

    #[test]
    fn csv_is_rfc_4180_with_a_header_row() {
        let csv = String::from_utf8(table().csv().unwrap()).unwrap();
        assert_eq!(
            csv,
            "id,n,ok,on\r\n\"a,\"\"b\"\"\",3,true,2020-01-02\r\n\"line\nbreak\",,false,\r\n"
        );
    }

    #[test]
    fn json_rows_and_schema_follow_the_columns() {
        let t = table();
        let j: Value = serde_json::from_slice(&t.json().unwrap().0).unwrap();
        assert_eq!(j[0]["id"], "a,\"b\"");
        // In name order, as a JSON map writes them.
        let first = String::from_utf8(t.json().unwrap().0).unwrap();
        assert!(first.starts_with("[\n  {\n    \"id\": \"a,\\\"b\\\"\",\n    \"n\": 3,\n    \"ok\": true,\n    \"on\": \"2020-01-02\"\n  },"), "{first}");
        assert_eq!(j[1]["n"], Value::Null);
        let s = t.schema("https://x.example/data/schema/t.schema.json");
        assert_eq!(s["items"]["required"], json!(["id", "n", "ok", "on"]));
        assert_eq!(s["items"]["properties"]["n"]["type"], json!(["integer", "null"]));
        assert_eq!(s["items"]["properties"]["on"]["format"], "date");
    }
}
