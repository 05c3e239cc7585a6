//! The state a migration leaves, stored beside it so the next migration can be diffed against
//! it without a database.
//!
//! One snapshot file per migration (no shared journal), so two branches that each add a
//! migration touch different files; each snapshot names its parent migration, so such a fork
//! is visible instead of silently merged.

use crate::model::{Schema, TableDef};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The snapshot format written by this version. Readers refuse newer formats.
pub const FORMAT_VERSION: u32 = 1;

/// The schema as one migration leaves it, stored as `snapshots/<migration>.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version of the file; [`FORMAT_VERSION`] when written by this version.
    pub format: u32,
    /// The migration this snapshot belongs to, e.g. `0000_init`.
    pub migration: String,
    /// The migration before it, `None` for the first.
    pub parent: Option<String>,
    /// Every table and enum type the database holds once this migration has run.
    pub schema: Schema,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read.
    #[error("cannot read snapshot {path}: {source}")]
    Io {
        /// The snapshot file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not a snapshot in JSON that this version can read.
    #[error("corrupt snapshot {path}: {source}")]
    Corrupt {
        /// The snapshot file.
        path: PathBuf,
        /// The JSON parse error.
        source: serde_json::Error,
    },
    /// The file has git conflict markers: two branches added a migration of the same name.
    #[error("snapshot {path} has git conflict markers: two branches added a migration of the same name; keep the other branch's version of the migration, its .down.sql, its snapshot and schema.sum, then run `cargo xtask migrate-gen` again to write your change on top")]
    Conflict {
        /// The snapshot file.
        path: PathBuf,
    },
    /// The file was written by a newer schema-core, in a format this version does not know.
    #[error("snapshot {path} has format {found}, newer than this tool's {FORMAT_VERSION}: upgrade schema-core")]
    NewerFormat {
        /// The snapshot file.
        path: PathBuf,
        /// The format version recorded in the file.
        found: u32,
    },
}

impl Snapshot {
    /// Pretty JSON with a trailing newline: stable bytes for the same schema, readable diffs.
    pub fn to_json(&self) -> String {
        snapshot_json(
            self.format,
            &self.migration,
            self.parent.as_deref(),
            &self.schema,
        )
    }

    /// Reads the snapshot at `path`, refusing formats newer than [`FORMAT_VERSION`].
    pub fn read(path: &Path) -> Result<Self, SnapshotError> {
        read_checked(path, |s: &Self| s.format)
    }
}

/// [`Snapshot::to_json`] from borrowed parts.
pub(crate) fn snapshot_json(
    format: u32,
    migration: &str,
    parent: Option<&str>,
    schema: &Schema,
) -> String {
    SchemaJson::of(schema).into_snapshot(format, migration, parent)
}

/// A schema as its snapshot holds it (the value of `"schema"`, pretty-printed at its depth),
/// with where each table's text is: tables written byte for byte as a snapshot already has
/// them need not be parsed again. `migrate-gen` writes the models' schema before it knows the
/// migration's name, to compare it with the latest snapshot ([`SnapshotText::into_schema`]).
pub(crate) struct SchemaJson {
    /// [`HEADER_ROOM`] bytes for the snapshot's header, then the schema.
    text: Vec<u8>,
    /// The byte range of each table in `text`, in the schema's order.
    tables: Vec<Range<usize>>,
}

/// Room left before the schema in [`SchemaJson`] for the snapshot's header, which is not
/// known yet: the snapshot then needs no second buffer of megabytes, whose every page the
/// system would have to provide anew.
const HEADER_ROOM: usize = 1024;

/// The deepest level whose values each begin a line: the document's fields are at depth 1,
/// the schema's at 2, its tables at 3, a table's fields at 4, and its columns, indexes and
/// keys at 5, each written on one line.
const LINE_DEPTH: usize = 5;

impl SchemaJson {
    /// `schema` written as `serde_json::to_writer_pretty` writes it inside a [`Snapshot`].
    pub(crate) fn of(schema: &Schema) -> Self {
        // Sized for a few kilobytes per table up front: growing a buffer of megabytes step by
        // step copied it each time. An untouched reserve costs no memory.
        let capacity = HEADER_ROOM + 64 + 4096 * (schema.tables.len() + schema.enums.len());
        let mut text = Vec::with_capacity(capacity);
        text.resize(HEADER_ROOM, b' ');
        let mut tables = Vec::with_capacity(schema.tables.len());
        // The object at depth 1; its fields at depth 2, the tables at depth 3.
        text.push(b'{');
        // The fields in `Schema`'s order, each but the first after a comma.
        let mut fields = 0;
        let mut key = |text: &mut Vec<u8>, key: &[u8]| {
            if fields > 0 {
                text.push(b',');
            }
            fields += 1;
            text.extend_from_slice(b"\n    ");
            text.extend_from_slice(key);
        };
        if !schema.roles.is_empty() {
            key(&mut text, b"\"roles\": ");
            write_json(&mut text, &schema.roles, 2);
        }
        if !schema.extensions.is_empty() {
            key(&mut text, b"\"extensions\": ");
            write_json(&mut text, &schema.extensions, 2);
        }
        if !schema.enums.is_empty() {
            key(&mut text, b"\"enums\": ");
            write_json(&mut text, &schema.enums, 2);
        }
        if !schema.domains.is_empty() {
            key(&mut text, b"\"domains\": ");
            write_json(&mut text, &schema.domains, 2);
        }
        if !schema.sequences.is_empty() {
            key(&mut text, b"\"sequences\": ");
            write_json(&mut text, &schema.sequences, 2);
        }
        if !schema.functions.is_empty() {
            key(&mut text, b"\"functions\": ");
            write_json(&mut text, &schema.functions, 2);
        }
        if !schema.raw_objects.is_empty() {
            key(&mut text, b"\"raw_objects\": ");
            write_json(&mut text, &schema.raw_objects, 2);
        }
        if !schema.tables.is_empty() {
            key(&mut text, b"\"tables\": [");
            for (i, table) in schema.tables.iter().enumerate() {
                if i > 0 {
                    text.push(b',');
                }
                text.extend_from_slice(b"\n      ");
                let start = text.len();
                write_json(&mut text, table, 3);
                tables.push(start..text.len());
            }
            text.extend_from_slice(b"\n    ]");
        }
        if !schema.views.is_empty() {
            key(&mut text, b"\"views\": ");
            write_json(&mut text, &schema.views, 2);
        }
        if !schema.grants.is_empty() {
            key(&mut text, b"\"grants\": ");
            write_json(&mut text, &schema.grants, 2);
        }
        if fields > 0 {
            text.extend_from_slice(b"\n  ");
        }
        text.push(b'}');
        SchemaJson { text, tables }
    }

    /// The snapshot with this schema, as [`Snapshot::to_json`] writes it: pretty JSON, its
    /// fields in order, and a trailing newline.
    pub(crate) fn into_snapshot(
        self,
        format: u32,
        migration: &str,
        parent: Option<&str>,
    ) -> String {
        let mut header = Vec::with_capacity(128 + migration.len());
        header.extend_from_slice(b"{\n  \"format\": ");
        header.extend_from_slice(format.to_string().as_bytes());
        header.extend_from_slice(b",\n  \"migration\": ");
        write_json(&mut header, migration, 0);
        header.extend_from_slice(b",\n  \"parent\": ");
        write_json(&mut header, &parent, 0);
        header.extend_from_slice(b",\n  \"schema\": ");
        let mut json = self.text;
        match HEADER_ROOM.checked_sub(header.len()) {
            // In place: the header just before the schema, the whole moved to the start.
            Some(start) => {
                json[start..HEADER_ROOM].copy_from_slice(&header);
                json.copy_within(start.., 0);
                json.truncate(json.len() - start);
            }
            // A header longer than the room (a parent name of many escapes): copied.
            None => {
                header.extend_from_slice(&json[HEADER_ROOM..]);
                json = header;
            }
        }
        json.extend_from_slice(b"\n}\n");
        String::from_utf8(json).expect("serde_json writes UTF-8")
    }

    fn table(&self, i: usize) -> &[u8] {
        &self.text[self.tables[i].clone()]
    }
}

/// Appends `value` as `serde_json::to_writer_pretty` writes it `depth` levels deep in a
/// document: every line after the first indented by that many more steps.
fn write_json(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized), depth: usize) {
    let mut serializer = serde_json::Serializer::with_formatter(out, Pretty::at(depth));
    value
        .serialize(&mut serializer)
        .expect("a schema always serializes to JSON");
}

/// serde_json's `PrettyFormatter` (two spaces a level), starting at a given depth, which it
/// cannot: the tables of a snapshot are written one by one, each where the whole document puts
/// it. Values deeper than [`LINE_DEPTH`] share their parent's line, `jq`-style with a space
/// after each comma and colon: a column, index or key is one line, which keeps diffs readable
/// and the file under half the size of a fully pretty one (less to write, hash and read).
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Self {
        Pretty {
            depth,
            has_value: false,
        }
    }

    /// Whether values at the current depth are written on their parent's line.
    fn flat(&self) -> bool {
        self.depth > LINE_DEPTH
    }

    /// What comes before a value or key: a new line at the current depth, or within a line a
    /// separator after the first.
    fn newline<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        comma: bool,
    ) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        if self.flat() {
            return writer.write_all(if comma { b", " } else { b"" });
        }
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut width = 2 * self.depth;
        while width > 0 {
            let step = width.min(SPACES.len());
            writer.write_all(&SPACES[..step])?;
            width -= step;
        }
        Ok(())
    }

    /// An array or object begins: its values go one level deeper.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// It ends: on a line of its own at its level, unless it was empty.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        let flat = self.flat();
        self.depth -= 1;
        if self.has_value && !flat {
            self.newline(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(writer, !first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(writer, !first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The latest snapshot of a folder, read once: its bytes are hashed for `schema.sum`, its
/// header checked with the others, and its schema read against the models
/// ([`SnapshotText::into_schema`]).
pub(crate) struct SnapshotText {
    path: PathBuf,
    text: String,
    parts: SnapshotParts,
}

/// What [`SnapshotText::parse`] finds in the text.
pub(crate) struct SnapshotParts {
    /// The snapshot's header.
    pub header: SnapshotHeader,
    body: Body,
}

/// The schema of a snapshot.
enum Body {
    /// Not read yet: the file begins as this version writes it, and its schema starts at
    /// this byte. The rest of the file is checked when the schema is read.
    Unread(usize),
    /// Read with the whole file, which does not begin as this version writes it (boxed:
    /// the rare case, and a schema is many lists wide).
    Read(Box<Schema>),
}

impl SnapshotParts {
    /// Whether the rest of the file is still to be checked: until then an error of the file
    /// as a whole ([`SnapshotHeader::read`]) may be the one to report.
    pub(crate) fn unchecked(&self) -> bool {
        matches!(self.body, Body::Unread(_))
    }
}

impl SnapshotText {
    /// The file's text, as [`Snapshot::read`] reads it.
    pub(crate) fn read_text(path: &Path) -> Result<String, SnapshotError> {
        std::fs::read_to_string(path).map_err(|source| SnapshotError::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// The header of `text`, the file at `path`. When the file begins as this version writes
    /// it, only that beginning is read here; otherwise the whole file is, and refused as
    /// [`Snapshot::read`] refuses it.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<SnapshotParts, SnapshotError> {
        check_conflict(path, text)?;
        if let Some((header, at)) = written_header(text) {
            if header.format <= FORMAT_VERSION {
                return Ok(SnapshotParts {
                    header,
                    body: Body::Unread(at),
                });
            }
        }
        let snapshot = parse_checked(path, text, |s: &Snapshot| s.format)?;
        Ok(SnapshotParts {
            header: SnapshotHeader {
                format: snapshot.format,
                migration: snapshot.migration,
                parent: snapshot.parent,
            },
            body: Body::Read(Box::new(snapshot.schema)),
        })
    }

    /// The parsed parts with the text they were found in.
    pub(crate) fn new(path: PathBuf, text: String, parts: SnapshotParts) -> Self {
        SnapshotText { path, text, parts }
    }

    /// The snapshot's schema, as [`Snapshot::read`] gives it, or the error it gives (after any
    /// error of [`SnapshotHeader::read`], which the history checks first).
    ///
    /// With `models` (a schema without hints and its [`SchemaJson`]), a table whose text is
    /// the models' table byte for byte is that table, copied rather than parsed: JSON written
    /// from a table reads back as it. The models are in name order, as a snapshot is, so
    /// each table is compared with the next table of the models not yet passed. A file laid
    /// out otherwise than this version writes it is parsed whole.
    pub(crate) fn into_schema(
        self,
        models: Option<(&Schema, &SchemaJson)>,
    ) -> Result<Schema, SnapshotError> {
        let SnapshotText { path, text, parts } = self;
        let at = match parts.body {
            Body::Read(schema) => return Ok(*schema),
            Body::Unread(at) => at,
        };
        if let Some(schema) = read_written_schema(&text[at..], models) {
            return Ok(schema);
        }
        parse_header(&path, &text)?;
        parse_checked(&path, &text, |s: &Snapshot| s.format).map(|s| s.schema)
    }
}

/// The header of a snapshot that begins as [`SchemaJson::into_snapshot`] writes it, and where its
/// schema starts; `None` for any other text.
fn written_header(text: &str) -> Option<(SnapshotHeader, usize)> {
    let mut at = 0;
    let expect = |at: &mut usize, literal: &str| -> Option<()> {
        text[*at..]
            .starts_with(literal)
            .then(|| *at += literal.len())
    };
    expect(&mut at, "{\n  \"format\": ")?;
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    let number = &text[at..at + digits];
    // JSON has no leading zeros.
    if digits == 0 || (digits > 1 && number.starts_with('0')) {
        return None;
    }
    let format: u32 = number.parse().ok()?;
    at += digits;
    expect(&mut at, ",\n  \"migration\": ")?;
    let migration: String = json_value(text, &mut at)?;
    expect(&mut at, ",\n  \"parent\": ")?;
    let parent = if text[at..].starts_with("null") {
        at += 4;
        None
    } else {
        Some(json_value::<String>(text, &mut at)?)
    };
    expect(&mut at, ",\n  \"schema\": ")?;
    Some((
        SnapshotHeader {
            format,
            migration,
            parent,
        },
        at,
    ))
}

/// The JSON value of type `T` that starts right at `text[*at..]`, moving `at` past it.
fn json_value<T: serde::de::DeserializeOwned>(text: &str, at: &mut usize) -> Option<T> {
    let first = *text.as_bytes().get(*at)?;
    // The stream below would skip whitespace; none is written here.
    if first.is_ascii_whitespace() {
        return None;
    }
    let mut values = serde_json::Deserializer::from_str(&text[*at..]).into_iter::<T>();
    let value = values.next()?.ok()?;
    *at += values.byte_offset();
    Some(value)
}

/// The schema in `text` (from the value of `"schema"` to the end of the file) when it is laid
/// out as [`SchemaJson::into_snapshot`] writes it; `None` otherwise.
fn read_written_schema(text: &str, models: Option<(&Schema, &SchemaJson)>) -> Option<Schema> {
    let mut at = 0;
    let expect = |at: &mut usize, literal: &str| -> bool {
        let found = text[*at..].starts_with(literal);
        if found {
            *at += literal.len();
        }
        found
    };
    let mut schema = Schema::new();
    if !expect(&mut at, "{") {
        return None;
    }
    if !expect(&mut at, "}") {
        let mut fields = 0;
        // Each field but the first after a comma.
        let key = |fields: usize, key: &str| {
            format!("{}\n    \"{key}\": ", if fields > 0 { "," } else { "" })
        };
        if expect(&mut at, &key(fields, "roles")) {
            schema.roles = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "extensions")) {
            schema.extensions = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "enums")) {
            schema.enums = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "domains")) {
            schema.domains = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "sequences")) {
            schema.sequences = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "functions")) {
            schema.functions = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "raw_objects")) {
            schema.raw_objects = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &(key(fields, "tables") + "[")) {
            fields += 1;
            let mut next = 0;
            loop {
                let separator = if schema.tables.is_empty() {
                    "\n      "
                } else {
                    ",\n      "
                };
                if !expect(&mut at, separator) {
                    break;
                }
                if let Some((models, written)) = models {
                    if next < models.tables.len()
                        && text.as_bytes()[at..].starts_with(written.table(next))
                    {
                        at += written.table(next).len();
                        schema.tables.push(models.tables[next].clone());
                        next += 1;
                        continue;
                    }
                }
                let table: TableDef = json_value(text, &mut at)?;
                if let Some((models, _)) = models {
                    let key = (table.schema.as_str(), table.name.as_str());
                    let name = |i: usize| {
                        models
                            .tables
                            .get(i)
                            .map(|t| (t.schema.as_str(), t.name.as_str()))
                    };
                    while name(next).is_some_and(|n| n < key) {
                        next += 1;
                    }
                    if name(next) == Some(key) {
                        next += 1;
                    }
                }
                schema.tables.push(table);
            }
            if schema.tables.is_empty() || !expect(&mut at, "\n    ]") {
                return None;
            }
        }
        if expect(&mut at, &key(fields, "views")) {
            schema.views = json_value(text, &mut at)?;
            fields += 1;
        }
        if expect(&mut at, &key(fields, "grants")) {
            schema.grants = json_value(text, &mut at)?;
            fields += 1;
        }
        if fields == 0 || !expect(&mut at, "\n  }") {
            return None;
        }
    }
    // The end of the snapshot, and only whitespace after it, as serde_json allows.
    if !expect(&mut at, "\n}") {
        return None;
    }
    text[at..]
        .bytes()
        .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        .then_some(schema)
}

/// The part of a snapshot that places it in the history: which migration it belongs to and
/// which one came before. Reading it skips the schema, so checking a long history stays fast.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SnapshotHeader {
    /// Format version of the file.
    pub format: u32,
    /// The migration this snapshot belongs to, e.g. `0001_create_posts`.
    pub migration: String,
    /// The migration before it, `None` for the first.
    pub parent: Option<String>,
}

impl SnapshotHeader {
    /// Reads the header of the snapshot at `path`, refusing formats newer than
    /// [`FORMAT_VERSION`]. The schema is parsed for validity but not kept.
    pub fn read(path: &Path) -> Result<Self, SnapshotError> {
        let text = SnapshotText::read_text(path)?;
        parse_header(path, &text)
    }
}

/// [`SnapshotHeader::read`] of `text`, the file at `path`.
fn parse_header(path: &Path, text: &str) -> Result<SnapshotHeader, SnapshotError> {
    #[derive(Deserialize)]
    struct Shallow {
        format: u32,
        migration: String,
        parent: Option<String>,
        #[allow(dead_code)]
        schema: serde::de::IgnoredAny,
    }
    let Shallow {
        format,
        migration,
        parent,
        ..
    } = parse_checked(path, text, |s: &Shallow| s.format)?;
    Ok(SnapshotHeader {
        format,
        migration,
        parent,
    })
}

/// The file parsed as `T`; `format_of` is the format it records, refused when newer than ours.
fn read_checked<T: serde::de::DeserializeOwned>(
    path: &Path,
    format_of: fn(&T) -> u32,
) -> Result<T, SnapshotError> {
    let text = SnapshotText::read_text(path)?;
    parse_checked(path, &text, format_of)
}

/// A file that has git conflict markers is refused before it is parsed.
fn check_conflict(path: &Path, text: &str) -> Result<(), SnapshotError> {
    // A line that starts with a conflict marker, found by substring search rather than line
    // by line: the same lines, as `lines` splits at `\n`.
    const MARKER: &str = "<<<<<<<";
    if text.starts_with(MARKER) || text.contains("\n<<<<<<<") {
        return Err(SnapshotError::Conflict {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// The error for a file of format `found`, when it is newer than ours.
fn newer(path: &Path, found: u32) -> Option<SnapshotError> {
    (found > FORMAT_VERSION).then(|| SnapshotError::NewerFormat {
        path: path.to_owned(),
        found,
    })
}

/// `text`, the file at `path`, parsed as `T` ([`read_checked`]).
fn parse_checked<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    format_of: fn(&T) -> u32,
) -> Result<T, SnapshotError> {
    check_conflict(path, text)?;
    // One parse when the file reads: a snapshot of thousands of tables is megabytes of JSON.
    // Only a file that does not read is parsed again, for its format alone: a newer format is
    // the better explanation of why it does not.
    match serde_json::from_str::<T>(text) {
        Ok(value) => match newer(path, format_of(&value)) {
            Some(error) => Err(error),
            None => Ok(value),
        },
        Err(source) => {
            #[derive(Deserialize)]
            struct FormatOnly {
                format: u32,
            }
            let format = serde_json::from_str::<FormatOnly>(text).map(|f| f.format);
            Err(format.ok().and_then(|found| newer(path, found)).unwrap_or(
                SnapshotError::Corrupt {
                    path: path.to_owned(),
                    source,
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples' committed snapshot: enums, several schemas, comments, defaults.
    const EXAMPLE: &str = include_str!("../../examples/migrations/snapshots/0000_init.json");

    /// The layout [`Snapshot::to_json`] promises, made from serde_json's pretty printing: each
    /// line deeper than [`LINE_DEPTH`] (and the bracket closing a value at that depth) joined
    /// to the line before it.
    fn reference(snapshot: &Snapshot) -> String {
        let pretty = serde_json::to_string_pretty(snapshot).unwrap();
        let mut out = String::new();
        for line in pretty.lines() {
            let content = line.trim_start();
            let depth = (line.len() - content.len()) / 2;
            let closes = content.starts_with(['}', ']']);
            if depth > LINE_DEPTH || (depth == LINE_DEPTH && closes) {
                if !closes && !out.ends_with(['[', '{']) {
                    out.push(' ');
                }
                out.push_str(content);
            } else {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(line);
            }
        }
        out + "\n"
    }

    fn example() -> Snapshot {
        serde_json::from_str(EXAMPLE).unwrap()
    }

    /// A table of the example under another name, with text that needs escapes.
    fn odd_table(name: &str) -> TableDef {
        let mut table = example().schema.tables[0].clone();
        table.name = name.to_owned();
        table.comment = Some("line one\nline \"two\"\t\\ é 🦀 \u{1}".to_owned());
        table
    }

    #[test]
    fn written_pretty_with_one_line_per_column_index_and_key() {
        let example = example();
        assert_eq!(example.to_json(), EXAMPLE);
        let mut shapes = vec![
            Schema::new(),
            example.schema.clone(),
            Schema {
                tables: Vec::new(),
                ..example.schema.clone()
            },
            Schema {
                enums: Vec::new(),
                ..example.schema.clone()
            },
            Schema::new().extension("citext"),
            Schema {
                enums: Vec::new(),
                ..example.schema.clone()
            }
            .extension("pg_trgm")
            .extension(crate::model::Extension::new("vector").in_schema("ext \"x\"")),
        ];
        shapes[1].tables.push(odd_table("zz \"odd\"\nname"));
        shapes[1].add_extension("citext".into());
        for schema in shapes {
            for parent in [
                None,
                Some("0000_in\"it".to_owned()),
                Some("\u{1}".repeat(300)),
            ] {
                let snapshot = Snapshot {
                    format: FORMAT_VERSION,
                    migration: "0001_x\\y".to_owned(),
                    parent,
                    schema: schema.clone(),
                };
                assert_eq!(snapshot.to_json(), reference(&snapshot));
                let json = SchemaJson::of(&schema);
                for (i, table) in schema.tables.iter().enumerate() {
                    let alone: TableDef =
                        serde_json::from_slice(json.table(i)).expect("one table's JSON");
                    assert_eq!(&alone, table);
                }
            }
        }
    }

    /// The latest snapshot read against the models: the same schema as a whole parse, whether
    /// its tables are the models' byte for byte, changed, dropped or not yet created.
    #[test]
    fn read_against_the_models_gives_the_whole_parse() {
        let dir = tempfile::tempdir().unwrap();
        let old = example();
        let mut models = old.schema.clone();
        models.tables[1].comment = Some("changed".to_owned());
        models.tables.remove(2);
        models.tables.insert(0, odd_table("aaa_new"));
        let last = models.tables.len() - 1;
        models.tables[last].columns.pop();
        let written = SchemaJson::of(&models);
        let same = SchemaJson::of(&old.schema);
        let empty = Schema::new();
        let none = SchemaJson::of(&empty);
        let enums_only = Snapshot {
            schema: Schema {
                tables: Vec::new(),
                ..old.schema.clone()
            },
            ..old.clone()
        };
        let tables_only = Snapshot {
            schema: Schema {
                enums: Vec::new(),
                ..old.schema.clone()
            },
            ..old.clone()
        };
        let nothing = Snapshot {
            schema: Schema::new(),
            parent: Some("0000_x".to_owned()),
            ..old.clone()
        };
        let extensions = Snapshot {
            schema: old.schema.clone().extension("citext").extension("pg_trgm"),
            ..old.clone()
        };
        let extensions_only = Snapshot {
            schema: Schema::new().extension("citext"),
            ..old.clone()
        };
        let functions = {
            let mut schema = old.schema.clone();
            schema.add_sequence(crate::model::Sequence::public("numbers").start(10));
            schema.add_domain(
                crate::model::DomainDef::new("public", "slug", crate::model::SqlType::Text)
                    .not_null()
                    .check("slug_max_len", "char_length(VALUE) <= 40"),
            );
            schema.add_raw(crate::model::RawObject::new(
                crate::model::RawKind::Aggregate,
                "public",
                "total(bigint)",
                "CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint)",
                "DROP AGGREGATE total(bigint)",
            ));
            schema.add_function(crate::model::Function::touch("public", "updated_at"));
            let table = schema.tables[0].qualified_name();
            schema.add_trigger(&table, crate::model::Trigger::touch("public", "updated_at"));
            Snapshot {
                schema,
                ..old.clone()
            }
        };
        // Laid out otherwise than written here (compact, fully pretty as schema-core wrote it
        // before, or hand-formatted): parsed whole.
        let compact = serde_json::to_string(&old).unwrap();
        let fully_pretty = serde_json::to_string_pretty(&old).unwrap() + "\n";
        let spaced = EXAMPLE.replacen("\"columns\": [", "\"columns\":  [", 3);
        let files = [
            (EXAMPLE.to_owned(), &old),
            (compact, &old),
            (fully_pretty, &old),
            (spaced, &old),
            (enums_only.to_json(), &enums_only),
            (tables_only.to_json(), &tables_only),
            (nothing.to_json(), &nothing),
            (extensions.to_json(), &extensions),
            (extensions_only.to_json(), &extensions_only),
            (functions.to_json(), &functions),
            (EXAMPLE.replace("\n}\n", "\n}\n\n  \r\n"), &old),
        ];
        for (text, expected) in files {
            for against in [
                Some((&models, &written)),
                None,
                Some((&old.schema, &same)),
                Some((&empty, &none)),
            ] {
                let path = dir.path().join("s.json");
                let parts = SnapshotText::parse(&path, &text).unwrap();
                assert_eq!(parts.header.migration, "0000_init");
                assert_eq!(parts.header.parent, expected.parent);
                let schema = SnapshotText::new(path, text.clone(), parts)
                    .into_schema(against)
                    .unwrap();
                assert_eq!(schema, expected.schema);
            }
        }
    }

    /// A file that is not the format's JSON gives the errors that reading the header and then
    /// the whole file ([`SnapshotHeader::read`], [`Snapshot::read`]) give: the same message,
    /// line and column.
    #[test]
    fn a_bad_file_gives_the_errors_of_a_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let cases = [
            EXAMPLE.replacen("\"nullable\": false", "\"nullable\": 3", 5),
            EXAMPLE.replacen("\"format\": 1", "\"format\": 99", 1),
            EXAMPLE.replacen("\"tables\": [", "\"tables\": {", 1),
            format!("<<<<<<< HEAD\n{EXAMPLE}"),
            EXAMPLE[..EXAMPLE.len() / 2].to_owned(),
            EXAMPLE.replacen("\"format\": 1", "\"format\": 01", 1),
            EXAMPLE.replacen("\"format\": 1", "\"format\": 4294967296", 1),
            EXAMPLE.replacen("\"nullable\": false", "\"nullable\": fals", 40),
            EXAMPLE.replacen("\"nullable\": false", "\"nullable\": 1", 1) + "\n}",
            EXAMPLE.to_owned() + "x",
            EXAMPLE.replacen("\"format\": 1", "\"format\": 2", 1) + "x",
        ];
        for text in cases {
            std::fs::write(&path, &text).unwrap();
            // What reading the history gave: the header's error first, then the whole file's.
            let whole = match SnapshotHeader::read(&path) {
                Err(error) => error,
                Ok(_) => Snapshot::read(&path).unwrap_err(),
            }
            .to_string();
            let ours = SnapshotText::parse(&path, &text)
                .and_then(|parts| {
                    SnapshotText::new(path.clone(), text.clone(), parts).into_schema(None)
                })
                .unwrap_err()
                .to_string();
            assert_eq!(ours, whole);
        }
    }
}
