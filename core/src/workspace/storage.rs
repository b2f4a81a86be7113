//! The workspace's storage: every user's strings in one arena and their
//! roles and levels in flat columns (`catalog.len()` entries per user), and
//! [`User`], a view of one row. Only this file writes the columns.

use crate::access::AccessSet;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::vocab::{Level, Role};
use std::sync::Arc;

/// Text spans of one user's strings in the workspace's string arena. The
/// start is a full `usize`: past 4 GiB of text a 32-bit offset would wrap and
/// read another user's id. Lengths fit 32 bits (a record is at most 1 MiB);
/// a record whose would not is refused, never wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Strings {
    start: usize,
    id_len: u32,
    name_len: u32,
    email_len: u32,
    has: u8,
}

impl Strings {
    fn new(start: usize, id: usize, name: usize, email: usize, has: u8) -> Option<Strings> {
        Some(Strings {
            start,
            id_len: u32::try_from(id).ok()?,
            name_len: u32::try_from(name).ok()?,
            email_len: u32::try_from(email).ok()?,
            has,
        })
    }

    /// The byte range of the id (0), the name (1) or the email (2).
    fn range(&self, which: u8) -> Option<std::ops::Range<usize>> {
        let (id, name, email) = (
            self.id_len as usize,
            self.name_len as usize,
            self.email_len as usize,
        );
        let (skip, len) = match which {
            0 => (0, id),
            1 => (id, name),
            _ => (id.checked_add(name)?, email),
        };
        let from = self.start.checked_add(skip)?;
        Some(from..from.checked_add(len)?)
    }
}

const HAS_NAME: u8 = 1;
const HAS_EMAIL: u8 = 2;

/// One user as a view into the workspace.
#[derive(Debug, Clone, Copy)]
pub struct User<'w> {
    workspace: &'w Workspace,
    index: usize,
    role: Role,
}

impl<'w> User<'w> {
    /// The user's position in export order.
    pub fn index(&self) -> usize {
        self.index
    }
    /// The user id.
    pub fn id(&self) -> &'w str {
        self.workspace.text(self.index, 0)
    }
    /// The display name, if the export had one.
    pub fn name(&self) -> Option<&'w str> {
        let s = self.workspace.spans.get(self.index)?;
        (s.has & HAS_NAME != 0).then(|| self.workspace.text(self.index, 1))
    }
    /// The email, if the export had one.
    pub fn email(&self) -> Option<&'w str> {
        let s = self.workspace.spans.get(self.index)?;
        (s.has & HAS_EMAIL != 0).then(|| self.workspace.text(self.index, 2))
    }
    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }
    /// The effective level of every node, in catalog order.
    pub fn levels(&self) -> &'w [Level] {
        self.workspace.row(&self.workspace.levels, self.index)
    }
    /// What the user stores, in catalog order.
    pub(crate) fn stored_row(&self) -> &'w [Option<Level>] {
        self.workspace.row(&self.workspace.stored, self.index)
    }

    /// The user's access set, rebuilt from what the export stored.
    pub fn access(&self) -> AccessSet {
        let stored = self.workspace.row(&self.workspace.stored, self.index).to_vec();
        AccessSet::build(self.workspace.catalog.clone(), self.role(), stored, Vec::new())
    }
}

/// Many users' access, judged against one catalog.
#[derive(Debug, Clone)]
pub struct Workspace {
    catalog: Arc<Catalog>,
    strings: String,
    spans: Vec<Strings>,
    roles: Vec<Role>,
    /// What each user stores: `catalog.len()` entries per user.
    stored: Vec<Option<Level>>,
    /// Each user's effective levels: `catalog.len()` entries per user.
    levels: Vec<Level>,
    problems: Vec<Problem>,
    /// User positions sorted by id, built on the first lookup by id.
    by_id: std::sync::OnceLock<Vec<u32>>,
}

/// A record that passed, ready to be stored.
pub(super) struct Record {
    pub(super) user: String,
    pub(super) name: Option<String>,
    pub(super) email: Option<String>,
    pub(super) access: AccessSet,
}

impl Workspace {
    /// A workspace of no users, to be filled by [`Workspace::push`].
    pub(super) fn empty(catalog: &Arc<Catalog>) -> Workspace {
        Workspace {
            catalog: catalog.clone(),
            strings: String::new(),
            spans: Vec::new(),
            roles: Vec::new(),
            stored: Vec::new(),
            levels: Vec::new(),
            problems: Vec::new(),
            by_id: std::sync::OnceLock::new(),
        }
    }

    pub(super) fn push(&mut self, record: &Record) -> Result<(), Error> {
        let start = self.strings.len();
        let mut has = 0;
        self.strings.push_str(&record.user);
        let name_len = record.name.as_deref().map_or(0, |n| {
            has |= HAS_NAME;
            self.strings.push_str(n);
            n.len()
        });
        let email_len = record.email.as_deref().map_or(0, |e| {
            has |= HAS_EMAIL;
            self.strings.push_str(e);
            e.len()
        });
        let Some(span) = Strings::new(start, record.user.len(), name_len, email_len, has) else {
            self.strings.truncate(start);
            return Err(Error::LimitExceeded {
                what: "the record",
                size: record.user.len() + name_len + email_len,
                limit: u32::MAX as usize,
            });
        };
        self.spans.push(span);
        self.roles.push(record.access.role());
        self.stored.extend_from_slice(record.access.stored_levels());
        self.levels.extend_from_slice(record.access.levels());
        Ok(())
    }

    /// The same users (ids, names, emails, roles, export order) with new
    /// rows on another catalog: `stored` and `levels` hold
    /// `catalog.len()` entries per user. Used by migrations.
    pub(crate) fn with_rows(
        &self,
        catalog: Arc<Catalog>,
        stored: Vec<Option<Level>>,
        levels: Vec<Level>,
    ) -> Workspace {
        Workspace {
            catalog,
            strings: self.strings.clone(),
            spans: self.spans.clone(),
            roles: self.roles.clone(),
            stored,
            levels,
            problems: Vec::new(),
            by_id: std::sync::OnceLock::new(),
        }
    }

    fn text(&self, index: usize, which: u8) -> &str {
        self.spans
            .get(index)
            .and_then(|s| s.range(which))
            .and_then(|range| self.strings.get(range))
            .unwrap_or("")
    }

    fn row<'a, T>(&self, column: &'a [T], index: usize) -> &'a [T] {
        let n = self.catalog.len();
        column.get(index * n..(index + 1) * n).unwrap_or(&[])
    }

    /// The id of the user at `index` (`""` past the end).
    pub(super) fn id_at(&self, index: usize) -> &str {
        self.text(index, 0)
    }

    /// Every user's effective levels, one row per user in export order.
    pub(super) fn level_rows(&self) -> std::slice::ChunksExact<'_, Level> {
        self.levels.chunks_exact(self.catalog.len().max(1))
    }

    /// Keeps a problem found while loading.
    pub(super) fn add_problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// The problems, giving up the workspace (a strict load that failed).
    pub(super) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Frees the columns' spare capacity once loading is done.
    pub(super) fn shrink_to_fit(&mut self) {
        self.strings.shrink_to_fit();
        self.spans.shrink_to_fit();
        self.roles.shrink_to_fit();
        self.stored.shrink_to_fit();
        self.levels.shrink_to_fit();
    }

    /// The catalog the users were judged against.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The number of users loaded.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when no user was loaded.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every problem found while loading (lenient mode), in record order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The users, in export order.
    pub fn users(&self) -> impl Iterator<Item = User<'_>> + '_ {
        (0..self.len()).filter_map(move |index| self.user_at(index))
    }

    /// The user at a position in export order.
    pub fn user_at(&self, index: usize) -> Option<User<'_>> {
        let role = *self.roles.get(index)?;
        (index < self.len()).then_some(User {
            workspace: self,
            index,
            role,
        })
    }

    /// A user by id: a binary search over the users sorted by id (sorted
    /// on the first call), so no lookup is slow whatever the ids' length.
    pub fn user(&self, id: &str) -> Option<User<'_>> {
        let sorted = self.by_id.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| self.text(a as usize, 0).cmp(self.text(b as usize, 0)));
            order
        });
        let at = sorted
            .binary_search_by(|&i| self.text(i as usize, 0).cmp(id))
            .ok()?;
        self.user_at(*sorted.get(at)? as usize)
    }

    /// Bytes held per user beyond the strings (ids, names, emails): the
    /// figure budgeted at 128. For the default catalog it is 103 (the text
    /// offset is a full `usize`, so it cannot wrap past 4 GiB).
    pub fn bytes_per_user(&self) -> usize {
        std::mem::size_of::<Strings>()
            + std::mem::size_of::<Role>()
            + self.catalog.len() * (std::mem::size_of::<Option<Level>>() + std::mem::size_of::<Level>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_offsets_past_4_gib_do_not_wrap() {
        // A user whose text starts past 4 GiB: a 32-bit offset would wrap to
        // another user's text (an audit loaded 4.3 GB and read the wrong id).
        let start = (5usize << 30) + 7;
        let span = Strings::new(start, 3, 4, 5, HAS_NAME | HAS_EMAIL);
        let ranges = span.map(|s| [s.range(0), s.range(1), s.range(2)]);
        assert_eq!(
            ranges,
            Some([
                Some(start..start + 3),
                Some(start + 3..start + 7),
                Some(start + 7..start + 12)
            ])
        );
        // Lengths beyond 32 bits are refused, never truncated.
        assert_eq!(Strings::new(0, 1 << 32, 0, 0, 0), None);
        assert_eq!(
            Strings::new(usize::MAX, 1, 0, 0, 0).and_then(|s| s.range(0)),
            None
        );
    }
}
