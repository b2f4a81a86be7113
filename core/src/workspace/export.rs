//! The workspace written back as export records, as values or as JSON text.

use super::storage::{User, Workspace};
use crate::json;
use crate::vocab::Level;

/// A text field of an export record, in the order a record holds them:
/// `user`, `name` and `email` (each only when set), `role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordField {
    /// The user id.
    User,
    /// The display name.
    Name,
    /// The email.
    Email,
    /// The role.
    Role,
}

impl RecordField {
    /// Every field, in record order.
    pub const ALL: [RecordField; 4] = [
        RecordField::User,
        RecordField::Name,
        RecordField::Email,
        RecordField::Role,
    ];

    /// The record's key for this field.
    pub fn key(self) -> &'static str {
        match self {
            RecordField::User => "user",
            RecordField::Name => "name",
            RecordField::Email => "email",
            RecordField::Role => "role",
        }
    }
}

/// What writes export records: JSON text here, a binding's own values
/// (Python's dicts). [`Workspace::visit_records`] tells it each record, field
/// by field, in export order; the shape of a record is decided there, once:
///
/// `start`, then `text` for `user`, `name` and `email` (each only when set)
/// and `role`, then `permissions` (always, opening the stored levels), an
/// `entry` per node the user stores (catalog order), and `end`.
pub trait RecordVisitor {
    /// What stops the writing (a host that cannot allocate).
    type Error;
    /// A record begins.
    fn start(&mut self) -> Result<(), Self::Error>;
    /// A text field, borrowed from the workspace.
    fn text(&mut self, field: RecordField, value: &str) -> Result<(), Self::Error>;
    /// The `permissions` field begins.
    fn permissions(&mut self) -> Result<(), Self::Error>;
    /// One stored level: the node's position in catalog order, its id, the level.
    fn entry(&mut self, node: usize, id: &str, level: Level) -> Result<(), Self::Error>;
    /// The record ends.
    fn end(&mut self) -> Result<(), Self::Error>;
}

impl Workspace {
    /// Tells `visitor` every user's export record, in export order:
    /// `{"user", "name"?, "email"?, "role", "permissions"}`, each document
    /// canonical (what a lenient load kept). Loading the records again gives
    /// the same workspace. Every field is borrowed from the columns.
    pub fn visit_records<V: RecordVisitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
        for user in self.users() {
            self.visit_record(&user, visitor)?;
        }
        Ok(())
    }

    fn visit_record<V: RecordVisitor>(&self, user: &User<'_>, visitor: &mut V) -> Result<(), V::Error> {
        visitor.start()?;
        visitor.text(RecordField::User, user.id())?;
        if let Some(name) = user.name() {
            visitor.text(RecordField::Name, name)?;
        }
        if let Some(email) = user.email() {
            visitor.text(RecordField::Email, email)?;
        }
        visitor.text(RecordField::Role, user.role().as_str())?;
        visitor.permissions()?;
        let nodes = self.catalog().nodes().iter().zip(user.stored_row());
        for (position, (node, stored)) in nodes.enumerate() {
            if let Some(level) = stored {
                visitor.entry(position, node.id(), *level)?;
            }
        }
        visitor.end()
    }

    /// The users as export records ([`Workspace::visit_records`]), as values.
    pub fn to_records(&self) -> Vec<serde_json::Value> {
        let mut values = Values::default();
        match self.visit_records(&mut values) {
            Ok(()) => values.records,
            Err(never) => match never {},
        }
    }

    /// Every user's export record ([`Workspace::visit_records`]) as JSON
    /// text, keys in record order: one record per line (JSON Lines) when
    /// `lines`, else a JSON array with one record per line. Written straight
    /// from the columns, with no tree of values in between.
    pub fn to_records_json(&self, lines: bool) -> String {
        let mut text = Text {
            out: String::with_capacity(self.len() * (64 + 16 * self.catalog().len()) + 4),
            lines,
            records: 0,
            first_entry: true,
        };
        if !lines {
            text.out.push('[');
        }
        match self.visit_records(&mut text) {
            Ok(()) => {}
            Err(never) => match never {},
        }
        let mut out = text.out;
        if !lines {
            out.push_str(if self.is_empty() { "]\n" } else { "\n]\n" });
        }
        out
    }
}

/// The records as JSON text.
struct Text {
    out: String,
    lines: bool,
    records: usize,
    first_entry: bool,
}

impl RecordVisitor for Text {
    type Error = std::convert::Infallible;

    fn start(&mut self) -> Result<(), Self::Error> {
        if !self.lines {
            self.out
                .push_str(if self.records == 0 { "\n  " } else { ",\n  " });
        }
        self.records += 1;
        self.out.push('{');
        Ok(())
    }

    fn text(&mut self, field: RecordField, value: &str) -> Result<(), Self::Error> {
        if field != RecordField::User {
            self.out.push(',');
        }
        json::write_string(&mut self.out, field.key());
        self.out.push(':');
        json::write_string(&mut self.out, value);
        Ok(())
    }

    fn permissions(&mut self) -> Result<(), Self::Error> {
        self.out.push_str(",\"permissions\":{");
        self.first_entry = true;
        Ok(())
    }

    fn entry(&mut self, _node: usize, id: &str, level: Level) -> Result<(), Self::Error> {
        if !self.first_entry {
            self.out.push(',');
        }
        self.first_entry = false;
        json::write_string(&mut self.out, id);
        self.out.push(':');
        json::write_string(&mut self.out, level.as_str());
        Ok(())
    }

    fn end(&mut self) -> Result<(), Self::Error> {
        self.out.push_str("}}");
        if self.lines {
            self.out.push('\n');
        }
        Ok(())
    }
}

/// The records as `serde_json` values.
#[derive(Default)]
struct Values {
    records: Vec<serde_json::Value>,
    record: serde_json::Map<String, serde_json::Value>,
    permissions: serde_json::Map<String, serde_json::Value>,
}

impl RecordVisitor for Values {
    type Error = std::convert::Infallible;

    fn start(&mut self) -> Result<(), Self::Error> {
        self.record = serde_json::Map::new();
        Ok(())
    }

    fn text(&mut self, field: RecordField, value: &str) -> Result<(), Self::Error> {
        self.record.insert(field.key().into(), value.into());
        Ok(())
    }

    fn permissions(&mut self) -> Result<(), Self::Error> {
        self.permissions = serde_json::Map::new();
        Ok(())
    }

    fn entry(&mut self, _node: usize, id: &str, level: Level) -> Result<(), Self::Error> {
        self.permissions.insert(id.into(), level.as_str().into());
        Ok(())
    }

    fn end(&mut self) -> Result<(), Self::Error> {
        let permissions = std::mem::take(&mut self.permissions);
        self.record.insert("permissions".into(), permissions.into());
        self.records.push(std::mem::take(&mut self.record).into());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::vocab::{Level, Mode, Role};
    use crate::workspace::Workspace;

    #[test]
    fn records_load_back_into_the_same_workspace() {
        let catalog = Catalog::builtin();
        let text = r#"[{"user":"u1","name":"Ann","email":"a@x.example","role":"member","permissions":{"knowledge.faqs":"read","knowledge":"edit"}},
            {"user":"u2","role":"admin","permissions":{}}]"#;
        let Ok(first) = Workspace::from_json(&catalog, text, Mode::Strict) else {
            unreachable!("a valid export")
        };
        let records = first.to_records();
        assert_eq!(
            records.first().map(|r| r.to_string()),
            Some(r#"{"user":"u1","name":"Ann","email":"a@x.example","role":"member","permissions":{"knowledge":"edit","knowledge.faqs":"read"}}"#.to_string())
        );
        assert_eq!(
            records.get(1).map(|r| r.to_string()),
            Some(r#"{"user":"u2","role":"admin","permissions":{}}"#.to_string())
        );
        let again = serde_json::Value::Array(records).to_string();
        let Ok(second) = Workspace::from_records_json(&catalog, &again, Mode::Strict) else {
            unreachable!("records load back")
        };
        let users = |w: &Workspace| -> Vec<(String, Role, Vec<Level>)> {
            w.users()
                .map(|u| (u.id().to_string(), u.role(), u.levels().to_vec()))
                .collect()
        };
        assert_eq!(users(&first), users(&second));
    }

    #[test]
    fn the_text_and_the_values_are_the_same_records() {
        let catalog = Catalog::builtin();
        let text = r#"[{"user":"u\"1","name":"Ann","role":"member","permissions":{"knowledge":"edit","knowledge.faqs":"read"}},
            {"user":"u2","email":"b@x.example","role":"admin"},{"user":"u3","role":"member","permissions":{}}]"#;
        let Ok(workspace) = Workspace::from_json(&catalog, text, Mode::Strict) else {
            unreachable!("a valid export")
        };
        let values: Vec<String> = workspace.to_records().iter().map(ToString::to_string).collect();
        let lines = workspace.to_records_json(true);
        assert_eq!(lines.lines().collect::<Vec<_>>(), values);
        let array = workspace.to_records_json(false);
        assert_eq!(array, format!("[\n  {}\n]\n", values.join(",\n  ")));
        let empty = Workspace::from_json(&catalog, "[]", Mode::Strict).map(|w| w.to_records_json(false));
        assert_eq!(empty.ok().as_deref(), Some("[]\n"));
    }
}
