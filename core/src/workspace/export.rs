//! The workspace written back as export records, as values or as JSON text.

use super::storage::{User, Workspace};
use crate::json;

impl Workspace {
    /// The users as export records, in export order:
    /// `{"user", "name"?, "email"?, "role", "permissions"}`, each document
    /// canonical (what a lenient load kept). Loading them again gives the
    /// same workspace.
    pub fn to_records(&self) -> Vec<serde_json::Value> {
        self.users()
            .map(|user| {
                let mut record = serde_json::Map::new();
                record.insert("user".into(), user.id().into());
                if let Some(name) = user.name() {
                    record.insert("name".into(), name.into());
                }
                if let Some(email) = user.email() {
                    record.insert("email".into(), email.into());
                }
                record.insert("role".into(), user.role().as_str().into());
                let permissions: serde_json::Map<String, serde_json::Value> = user
                    .access()
                    .entries()
                    .map(|(node, level)| (node.id().to_string(), level.as_str().into()))
                    .collect();
                record.insert("permissions".into(), permissions.into());
                record.into()
            })
            .collect()
    }

    /// Every user's export record as JSON text, in export order, in the
    /// shape of [`Workspace::to_records`] (`{"user", "name"?, "email"?,
    /// "role", "permissions"}`, keys in that order, canonical documents):
    /// one record per line (JSON Lines) when `lines`, else a JSON array
    /// with one record per line. Written straight from the columns, with no
    /// tree of values in between.
    pub fn to_records_json(&self, lines: bool) -> String {
        let mut out = String::with_capacity(self.len() * (64 + 16 * self.catalog().len()) + 4);
        if !lines {
            out.push('[');
        }
        for (i, user) in self.users().enumerate() {
            if !lines {
                out.push_str(if i == 0 { "\n  " } else { ",\n  " });
            }
            self.write_record(&user, &mut out);
            if lines {
                out.push('\n');
            }
        }
        if !lines {
            out.push_str(if self.is_empty() { "]\n" } else { "\n]\n" });
        }
        out
    }

    fn write_record(&self, user: &User<'_>, out: &mut String) {
        out.push_str("{\"user\":");
        json::write_string(out, user.id());
        if let Some(name) = user.name() {
            out.push_str(",\"name\":");
            json::write_string(out, name);
        }
        if let Some(email) = user.email() {
            out.push_str(",\"email\":");
            json::write_string(out, email);
        }
        out.push_str(",\"role\":");
        json::write_string(out, user.role().as_str());
        out.push_str(",\"permissions\":{");
        let mut first = true;
        for (node, level) in self.catalog().nodes().iter().zip(user.stored_row()) {
            if let Some(level) = level {
                if !first {
                    out.push(',');
                }
                first = false;
                json::write_string(out, node.id());
                out.push(':');
                json::write_string(out, level.as_str());
            }
        }
        out.push_str("}}");
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
}
