//! A whole workspace: many users' access, loaded from an export, and the
//! questions a security review asks of it (who can do what, what changed).
//!
//! Each user is judged by the same code as a single document (docs/reference.md#validation); the
//! workspace then keeps only the levels in flat columns, so a query over
//! 100,000 users is one strided pass over bytes.

use crate::access::AccessSet;
use crate::catalog::Catalog;
use crate::diff::{Direction, LevelChange};
use crate::document;
use crate::error::{Error, Result};
use crate::json::{self, Json};
use crate::limits;
use crate::problem::Problem;
use crate::shown::shown;
use crate::stream::{FileItems, FileLines, ReadError};
use crate::suggest::Budget;
use crate::vocab::{ActionArg, Cluster, ClusterArg, Level, Mode, Role};
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::hash::BuildHasher;
use std::path::Path;
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

/// How a member's access compares with the catalog's presets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetMatch {
    /// The user.
    pub user: String,
    /// The preset equal to the user's access, or the nearest one.
    pub preset: String,
    /// True when equal: every node's effective level is the same.
    pub exact: bool,
    /// What differs from the preset to the user, in catalog order.
    pub differences: Vec<LevelChange>,
}

/// A capability whose answer changed on one cluster: gained is an
/// escalation, lost a reduction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClusterCapabilityChange {
    /// The capability.
    pub name: String,
    /// The cluster on which the answer changed.
    pub cluster: Cluster,
    /// Whether the user held it before.
    pub before: bool,
    /// Whether the user holds it after.
    pub after: bool,
    /// Gained (escalation) or lost (reduction).
    pub direction: Direction,
}

/// One user whose access changed between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    /// The user.
    pub user: String,
    /// `(before, after)` when the role changed.
    pub role: Option<(Role, Role)>,
    /// Nodes whose level went up, in catalog order.
    pub escalations: Vec<LevelChange>,
    /// Nodes whose level went down, in catalog order.
    pub reductions: Vec<LevelChange>,
    /// Capabilities whose answer changed, on every cluster: capabilities in
    /// catalog order, each on its clusters in the order `standard`, `enterprise`.
    pub capabilities: Vec<ClusterCapabilityChange>,
}

impl UserChange {
    /// True when the user gained anything: a level or a capability.
    pub fn escalates(&self) -> bool {
        !self.escalations.is_empty()
            || self
                .capabilities
                .iter()
                .any(|c| c.direction == Direction::Escalation)
    }

    /// The group a reviewer reads this change in, which orders a workspace
    /// diff: 0 when the user gains a capability (on any cluster) or the
    /// admin role, 1 for any other escalation, 2 for reductions only.
    pub fn review_group(&self) -> u8 {
        let promoted = matches!(self.role, Some((_, Role::Admin)));
        let gains = self
            .capabilities
            .iter()
            .any(|c| c.direction == Direction::Escalation);
        if promoted || gains {
            0
        } else if self.escalates() {
            1
        } else {
            2
        }
    }

    /// The capabilities gained on some cluster, each name once, catalog order.
    pub fn capabilities_gained(&self) -> Vec<&str> {
        self.capability_names(Direction::Escalation)
    }

    /// The capabilities lost on some cluster, each name once, catalog order.
    pub fn capabilities_lost(&self) -> Vec<&str> {
        self.capability_names(Direction::Reduction)
    }

    /// The change in one line, for a reviewer (see [`crate::Diff::summary`]);
    /// `nodes` is the catalog's node count.
    pub fn summary(&self, nodes: usize) -> String {
        let levels: Vec<LevelChange> = self.escalations.iter().chain(&self.reductions).cloned().collect();
        let (gained, lost) = (self.capabilities_gained(), self.capabilities_lost());
        crate::diff::summarize(self.role, &levels, nodes, &gained, &lost)
    }

    fn capability_names(&self, direction: Direction) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for c in self.capabilities.iter().filter(|c| c.direction == direction) {
            if names.last() != Some(&c.name.as_str()) {
                names.push(&c.name);
            }
        }
        names
    }
}

/// Every capability whose answer differs between two roles, on every cluster.
pub(crate) fn capability_changes(
    catalog: &Catalog,
    before: Role,
    after: Role,
) -> Vec<ClusterCapabilityChange> {
    let mut out = Vec::new();
    if before == after {
        return out;
    }
    for capability in catalog.capabilities() {
        for cluster in Cluster::ALL {
            let (was, now) = (
                capability.holds(before, cluster),
                capability.holds(after, cluster),
            );
            if was != now {
                out.push(ClusterCapabilityChange {
                    name: capability.name().to_string(),
                    cluster,
                    before: was,
                    after: now,
                    direction: if now {
                        Direction::Escalation
                    } else {
                        Direction::Reduction
                    },
                });
            }
        }
    }
    out
}

/// What changed between two snapshots of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceDiff {
    /// Users only in the later snapshot, in its order.
    pub added: Vec<String>,
    /// The added users who have any access (an admin, or a level above
    /// `none` somewhere), in the later snapshot's order.
    pub added_with_access: Vec<String>,
    /// Users only in the earlier snapshot, in its order.
    pub removed: Vec<String>,
    /// Users whose role or levels changed, in the review order: those who
    /// gain a capability or the admin role, then other escalations, then
    /// reductions only ([`UserChange::review_group`]); each group in the
    /// later snapshot's order.
    pub changed: Vec<UserChange>,
    /// The catalog's node count (a summary says "every area" against it).
    pub nodes: usize,
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

/// A record that passed.
struct Record {
    user: String,
    name: Option<String>,
    email: Option<String>,
    access: AccessSet,
}

impl Workspace {
    /// Loads a JSON export: an array of `{"user", "name"?, "email"?, "role",
    /// "permissions"?}` records. Strict mode loads nothing if any record is
    /// wrong (`invalid_workspace`, listing every problem); lenient mode skips
    /// the wrong records and keeps every problem in [`Workspace::problems`].
    ///
    /// Records are read one at a time; one longer than
    /// [`limits::MAX_DOCUMENT_BYTES`] is refused by its size before it is
    /// read, and a text longer than [`limits::MAX_EXPORT_BYTES`] is refused
    /// whole (`limit_exceeded`).
    pub fn from_json(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_array(catalog, text, mode, |_, line| line)
    }

    /// [`Workspace::from_json`] for a JSON array that a host wrote from its
    /// own list of records (Python's `from_records`, Node's `fromRecords`):
    /// the text has no lines worth naming, so each problem's `line` is the
    /// record's 1-based position in the list.
    pub fn from_records_json(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_array(catalog, text, mode, |index, _| index + 1)
    }

    /// Loads a JSON array record by record; `place(index, line)` says what
    /// a record's problems name as their `line`.
    fn from_array(
        catalog: &Arc<Catalog>,
        text: &str,
        mode: Mode,
        place: impl Fn(usize, usize) -> usize,
    ) -> Result<Workspace> {
        limits::check("the export", text.len(), limits::MAX_EXPORT_BYTES)?;
        let mut syntax = None;
        let items = json::items(text, limits::MAX_DOCUMENT_BYTES)?;
        let records = items.enumerate().map_while(|(index, item)| match item {
            Ok(item) => Some((place(index, item.line), item.value)),
            Err(e) => {
                syntax = Some(e);
                None
            }
        });
        let loaded = Workspace::load(catalog, records, mode);
        match syntax {
            Some(e) => Err(e),
            None => loaded,
        }
    }

    /// [`Workspace::from_json`] from UTF-8 bytes; bytes that are not UTF-8
    /// are not JSON text.
    pub fn from_json_bytes(catalog: &Arc<Catalog>, bytes: &[u8], mode: Mode) -> Result<Workspace> {
        limits::check("the export", bytes.len(), limits::MAX_EXPORT_BYTES)?;
        Workspace::from_json(catalog, json::utf8(bytes)?, mode)
    }

    /// Loads JSON Lines: one record per line; blank lines (nothing but JSON
    /// whitespace: spaces, tabs, a carriage return) are skipped. A record's
    /// faults are placed by its line in the whole text. Text and bytes take
    /// the same path, so both give the same answer, messages included.
    pub fn from_json_lines(catalog: &Arc<Catalog>, text: &str, mode: Mode) -> Result<Workspace> {
        Workspace::from_json_lines_bytes(catalog, text.as_bytes(), mode)
    }

    /// [`Workspace::from_json_lines`] from UTF-8 bytes. A line that is not
    /// UTF-8 is a problem of that line only.
    pub fn from_json_lines_bytes(catalog: &Arc<Catalog>, bytes: &[u8], mode: Mode) -> Result<Workspace> {
        limits::check("the export", bytes.len(), limits::MAX_EXPORT_BYTES)?;
        let lines = bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .filter_map(|(i, line)| line_record(i + 1, line));
        Workspace::load(catalog, lines, mode)
    }

    /// Loads an export from a file, reading it a part at a time: the text is
    /// never held whole, and the answer is the one its text gives loaded
    /// from memory (errors, codes, messages, lines). A file named `*.jsonl`
    /// or `*.ndjson` is JSON Lines ([`Workspace::from_json_lines`]); any
    /// other is a JSON array export ([`Workspace::from_json`]). A file that
    /// cannot be opened or read is [`ReadError::Io`], naming the path.
    pub fn from_path(
        catalog: &Arc<Catalog>,
        path: impl AsRef<Path>,
        mode: Mode,
    ) -> std::result::Result<Workspace, ReadError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| ReadError::io(path, "open", e))?;
        let size = file.metadata().map_err(|e| ReadError::io(path, "stat", e))?.len();
        limits::check(
            "the export",
            usize::try_from(size).unwrap_or(usize::MAX),
            limits::MAX_EXPORT_BYTES,
        )?;
        Workspace::from_reader(catalog, file, is_json_lines(path), mode, path)
    }

    /// [`Workspace::from_path`] from an open file; `path` names it in errors.
    fn from_reader(
        catalog: &Arc<Catalog>,
        source: impl std::io::Read,
        lines: bool,
        mode: Mode,
        path: &Path,
    ) -> std::result::Result<Workspace, ReadError> {
        if lines {
            let mut lines = FileLines::new(source);
            let records = std::iter::from_fn(|| loop {
                let (number, line) = lines.next_line()?;
                if let Some(record) = line_record(number, line) {
                    return Some(record);
                }
            });
            let loaded = Workspace::load(catalog, records, mode);
            lines.finish(path)?;
            Ok(loaded?)
        } else {
            let mut items = FileItems::new(source, limits::MAX_DOCUMENT_BYTES);
            let loaded = Workspace::load(catalog, &mut items, mode);
            items.finish(path)?;
            Ok(loaded?)
        }
    }

    fn load(
        catalog: &Arc<Catalog>,
        records: impl Iterator<Item = (usize, Result<Json>)>,
        mode: Mode,
    ) -> Result<Workspace> {
        let mut workspace = Workspace {
            catalog: catalog.clone(),
            strings: String::new(),
            spans: Vec::new(),
            roles: Vec::new(),
            stored: Vec::new(),
            levels: Vec::new(),
            problems: Vec::new(),
            by_id: std::sync::OnceLock::new(),
        };
        let mut budget = Budget::document();
        // Users seen so far, by position: the ids live once, in the
        // workspace's strings (a set of owned ids cost ~60 bytes a user).
        let mut seen: HashTable<u32> = HashTable::new();
        // Ids of records that were judged but could not be stored: still seen.
        let mut unstored: FxHashSet<String> = FxHashSet::default();
        for (position, (line, value)) in records.enumerate() {
            let record_number = position + 1;
            let fault = |user: Option<String>, e: &Error| Problem {
                line,
                record: record_number,
                user,
                code: e.code(),
                path: e.path().map(String::from),
                message: e.to_string(),
                fatal: true,
            };
            let record = match value
                .map_err(|e| (None, e))
                .and_then(|v| judge_record(catalog, v, mode, &mut budget))
            {
                Ok(record) => record,
                Err((user, e)) => {
                    workspace.problems.push(fault(user, &e));
                    continue;
                }
            };
            let hash = FxBuildHasher.hash_one(record.user.as_str());
            let repeated = seen
                .find(hash, |&i| workspace.text(i as usize, 0) == record.user)
                .is_some()
                || unstored.contains(&record.user);
            if repeated {
                workspace.problems.push(Problem {
                    line,
                    record: record_number,
                    user: Some(record.user.clone()),
                    code: Problem::DUPLICATE_USER,
                    path: Some("user".into()),
                    message: format!("user {} appears more than once", shown(&record.user)),
                    fatal: true,
                });
                continue;
            }
            for w in record.access.warnings() {
                workspace.problems.push(Problem {
                    line,
                    record: record_number,
                    user: Some(record.user.clone()),
                    code: w.code(),
                    path: Some(w.path().to_string()),
                    message: w.to_string(),
                    fatal: false,
                });
            }
            let index = workspace.len();
            match (workspace.push(&record), u32::try_from(index)) {
                (Ok(()), Ok(index)) => {
                    seen.insert_unique(hash, index, |&i| {
                        FxBuildHasher.hash_one(workspace.text(i as usize, 0))
                    });
                }
                (Ok(()), Err(_)) => {
                    unstored.insert(record.user);
                }
                (Err(e), _) => {
                    unstored.insert(record.user.clone());
                    workspace.problems.push(fault(Some(record.user), &e));
                }
            }
        }
        drop(seen);
        if mode == Mode::Strict && !workspace.problems.is_empty() {
            return Err(Error::InvalidWorkspace {
                problems: workspace.problems,
            });
        }
        workspace.strings.shrink_to_fit();
        workspace.spans.shrink_to_fit();
        workspace.roles.shrink_to_fit();
        workspace.stored.shrink_to_fit();
        workspace.levels.shrink_to_fit();
        Ok(workspace)
    }

    fn push(&mut self, record: &Record) -> Result<(), Error> {
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

    /// The users who may do `action` on `id`, in export order.
    pub fn who_can(&self, id: &str, action: impl ActionArg) -> Result<Vec<User<'_>>> {
        let column = self.catalog.index_of(id)?;
        let required = action.into_action()?.required();
        let n = self.catalog.len();
        let rows = self.levels.chunks_exact(n.max(1));
        Ok(rows
            .enumerate()
            .filter(|(_, row)| row.get(column).is_some_and(|&l| l >= required))
            .filter_map(|(index, _)| self.user_at(index))
            .collect())
    }

    /// The users who hold a capability on a cluster, in export order.
    pub fn who_has(&self, capability: &str, cluster: impl ClusterArg) -> Result<Vec<User<'_>>> {
        let capability = self.catalog.capability(capability)?;
        let cluster = cluster.into_cluster()?;
        Ok(self
            .users()
            .filter(|u| capability.holds(u.role(), cluster))
            .collect())
    }

    /// For each node in catalog order, how many users are at `none`, `read`, `edit`.
    pub fn counts(&self) -> Vec<[usize; 3]> {
        let n = self.catalog.len();
        let mut counts = vec![[0usize; 3]; n];
        for row in self.levels.chunks_exact(n.max(1)) {
            for (count, level) in counts.iter_mut().zip(row) {
                if let Some(c) = count.get_mut(*level as usize) {
                    *c += 1;
                }
            }
        }
        counts
    }

    /// Members with stored levels that play no part because an ancestor is
    /// `none`: for each, the dormant ids in catalog order.
    pub fn dormant(&self) -> Vec<(User<'_>, Vec<&str>)> {
        self.users()
            .filter(|u| u.role() == Role::Member)
            .filter_map(|u| {
                let stored = self.row(&self.stored, u.index);
                let levels = u.levels();
                let ids: Vec<&str> = self
                    .catalog
                    .nodes()
                    .iter()
                    .enumerate()
                    .filter(|(i, node)| {
                        stored.get(*i).copied().flatten().is_some()
                            && node.parent().and_then(|p| levels.get(p)) == Some(&Level::None)
                    })
                    .map(|(_, node)| node.id())
                    .collect();
                (!ids.is_empty()).then_some((u, ids))
            })
            .collect()
    }

    /// For each member, the preset its effective levels equal, or the nearest
    /// (fewest nodes differing; the first in catalog order on a tie) with what
    /// differs. Admins are left out: presets are of role `member`. Empty when
    /// the catalog has no presets.
    pub fn preset_matches(&self) -> Vec<PresetMatch> {
        let presets: Vec<(&str, AccessSet)> = self
            .catalog
            .presets()
            .iter()
            .filter_map(|p| Some((p.name(), AccessSet::preset(&self.catalog, p.name()).ok()?)))
            .collect();
        self.users()
            .filter(|u| u.role() == Role::Member)
            .filter_map(|u| {
                let levels = u.levels();
                let differing = |p: &AccessSet| p.levels().iter().zip(levels).filter(|(a, b)| a != b).count();
                let (name, preset) = presets.iter().min_by_key(|(_, p)| differing(p))?;
                let differences: Vec<LevelChange> = self
                    .catalog
                    .nodes()
                    .iter()
                    .zip(preset.levels().iter().zip(levels))
                    .filter(|(_, (before, after))| before != after)
                    .map(|(node, (&before, &after))| LevelChange::new(node.id(), before, after))
                    .collect();
                Some(PresetMatch {
                    user: u.id().to_string(),
                    preset: name.to_string(),
                    exact: differences.is_empty(),
                    differences,
                })
            })
            .collect()
    }

    /// Every user moved to a migration's target catalog, in export order,
    /// with the report of who loses what (docs/reference.md#catalog-migrations).
    pub fn migrate(&self, migration: &crate::Migration) -> Result<crate::WorkspaceMigration> {
        migration.apply_workspace(self)
    }

    /// What changed from `before` (`self`) to `after`. Both must share a catalog.
    pub fn diff(&self, after: &Workspace) -> Result<WorkspaceDiff> {
        if self.catalog != after.catalog {
            return Err(Error::catalog(
                "",
                "the two workspaces are judged against different catalogs",
            ));
        }
        let before_index: FxHashMap<&str, usize> = self.users().map(|u| (u.id(), u.index)).collect();
        let after_ids: FxHashSet<&str> = after.users().map(|u| u.id()).collect();
        let new_users: Vec<User<'_>> = after
            .users()
            .filter(|u| !before_index.contains_key(u.id()))
            .collect();
        let added = new_users.iter().map(|u| u.id().to_string()).collect();
        let added_with_access = new_users
            .iter()
            .filter(|u| u.role() == Role::Admin || u.levels().iter().any(|&l| l > Level::None))
            .map(|u| u.id().to_string())
            .collect();
        let removed = self
            .users()
            .filter(|u| !after_ids.contains(u.id()))
            .map(|u| u.id().to_string())
            .collect();
        let mut changed = Vec::new();
        for now in after.users() {
            let Some(&index) = before_index.get(now.id()) else {
                continue;
            };
            let Some(was) = self.user_at(index) else {
                continue;
            };
            let Ok(d) = was.access().diff(&now.access(), crate::Cluster::Standard) else {
                continue;
            };
            if d.levels.is_empty() && d.role.is_none() {
                continue;
            }
            let change = UserChange {
                user: now.id().to_string(),
                role: d.role,
                escalations: d.escalations().cloned().collect(),
                reductions: d.reductions().cloned().collect(),
                capabilities: capability_changes(&self.catalog, was.role(), now.role()),
            };
            changed.push(change);
        }
        // The review order: capability or admin gains, other escalations,
        // reductions only; the later snapshot's order within each (stable).
        changed.sort_by_key(UserChange::review_group);
        Ok(WorkspaceDiff {
            added,
            added_with_access,
            removed,
            changed,
            nodes: self.catalog.len(),
        })
    }

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
        let mut out = String::with_capacity(self.len() * (64 + 16 * self.catalog.len()) + 4);
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
        for (node, level) in self.catalog.nodes().iter().zip(user.stored_row()) {
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

    /// Bytes held per user beyond the strings (ids, names, emails): the
    /// figure budgeted at 128. For the default catalog it is 103 (the text
    /// offset is a full `usize`, so it cannot wrap past 4 GiB).
    pub fn bytes_per_user(&self) -> usize {
        std::mem::size_of::<Strings>()
            + std::mem::size_of::<Role>()
            + self.catalog.len() * (std::mem::size_of::<Option<Level>>() + std::mem::size_of::<Level>())
    }
}

/// True for a file name that says JSON Lines: `*.jsonl` or `*.ndjson`, in any case.
fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// One line of JSON Lines as a record: `None` for a blank line (nothing but
/// spaces, tabs, carriage returns); a line that is not UTF-8 or too long is
/// a problem of that line only, placed by its number.
fn line_record(number: usize, line: &[u8]) -> Option<(usize, Result<Json>)> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return None;
    }
    let value = json::utf8(line)
        .and_then(|text| {
            limits::check("the record", text.len(), limits::MAX_DOCUMENT_BYTES)?;
            json::parse(text)
        })
        .map_err(|e| match e {
            Error::InvalidJson { column, reason, .. } => Error::InvalidJson {
                line: number,
                column,
                reason,
            },
            other => other,
        });
    Some((number, value))
}

type RecordResult = std::result::Result<Record, (Option<String>, Error)>;

/// Splits a record into its user fields and its access document, and judges
/// the document exactly as a single one (docs/reference.md#validation).
fn judge_record(catalog: &Arc<Catalog>, value: Json, mode: Mode, budget: &mut Budget) -> RecordResult {
    let Json::Object(fields) = value else {
        let e = Error::document(
            "",
            format!("a record must be a JSON object, found {}", value.kind()),
        );
        return Err((None, e));
    };
    let (mut user, mut name, mut email) = (None, None, None);
    let mut document = Vec::with_capacity(fields.len());
    let mut fault = None;
    for (key, value) in fields {
        let slot = match key.as_str() {
            "user" => &mut user,
            "name" => &mut name,
            "email" => &mut email,
            _ => {
                document.push((key, value));
                continue;
            }
        };
        match value {
            Json::String(s) if !(key == "user" && s.is_empty()) => *slot = Some(s),
            other => {
                let what = if key == "user" {
                    "a non-empty string"
                } else {
                    "a string"
                };
                fault.get_or_insert(Error::document(
                    key.as_str(),
                    format!("`{key}` must be {what}, found {}", other.kind()),
                ));
            }
        }
    }
    if let Some(e) = fault {
        return Err((user, e));
    }
    let Some(user) = user else {
        return Err((None, Error::document("user", "missing field `user`")));
    };
    match document::judge(catalog, &Json::Object(document), mode, budget) {
        Ok(judged) => Ok(Record {
            access: AccessSet::build(catalog.clone(), judged.role, judged.stored, judged.warnings),
            user,
            name,
            email,
        }),
        Err(e) => Err((Some(user), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A file that hands out `step` bytes or fewer per read, as a pipe may:
    /// the streaming reader's window boundaries fall everywhere.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
        turn: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.turn += 1;
            let n = (self.turn % self.step + 1).min(buf.len()).min(self.bytes.len());
            let (head, rest) = self.bytes.split_at(n);
            buf[..n].copy_from_slice(head);
            self.bytes = rest;
            Ok(n)
        }
    }

    type Summary = std::result::Result<(Vec<(String, Role, Vec<Level>)>, Vec<Problem>), String>;

    fn summary(loaded: std::result::Result<Workspace, String>) -> Summary {
        loaded.map(|ws| {
            let users = ws
                .users()
                .map(|u| (u.id().to_string(), u.role(), u.levels().to_vec()))
                .collect();
            (users, ws.problems().to_vec())
        })
    }

    fn both_ways(bytes: &[u8], lines: bool, step: usize) {
        let catalog = Catalog::builtin();
        for mode in [Mode::Strict, Mode::Lenient] {
            let memory = if lines {
                Workspace::from_json_lines_bytes(&catalog, bytes, mode)
            } else {
                Workspace::from_json_bytes(&catalog, bytes, mode)
            };
            let source = Trickle { bytes, step, turn: 0 };
            let file = Workspace::from_reader(&catalog, source, lines, mode, Path::new("export"));
            assert_eq!(
                summary(file.map_err(|e| format!("{e:?}"))),
                summary(memory.map_err(|e| format!("{:?}", ReadError::Export(e)))),
                "{:?} (lines: {lines}, step {step}, {mode:?})",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn a_file_read_in_parts_gives_the_answer_of_its_text() {
        let good = r#"{"user":"ada","name":"Ad\u00e9 😀","role":"admin"}"#;
        let member =
            r#"{"user":"bo","role":"member","permissions":{"knowledge":"edit","knowledge.sources":"read"}}"#;
        let owner = r#"{"user":"cy","role":"owner"}"#;
        let twice = r#"{"user":"dd","role":"member","role":"admin"}"#;
        let texts: Vec<String> = vec![
            format!("[{good},\n {member}]"),
            format!(" \r\n[\n{good}\n,\n{member}\n]\n\n"),
            format!("[{good},{good}]"),
            format!("[{member},\n{owner},\n{twice}]"),
            format!("[{good},\n 12345.5e3, \"x\", [1,2], null, true]"),
            format!("[{good},\n {{\"user\":\"é\", \"role\": x}}]"),
            format!("[{good},\n {member}"),
            format!("[{good}]\n  x"),
            format!("[{good} {member}]"),
            format!("[{good},]"),
            format!("[{good},\n {{\"user\":\"é\", \"role\": \"adm"),
            format!("[{{\"user\":\"\\ud800\",\"role\":\"admin\"}}, {good}]"),
            "[]".into(),
            " [ ] ".into(),
            "[] x".into(),
            "".into(),
            "   \n ".into(),
            "{}".into(),
            "[tru]".into(),
            "[1e400]".into(),
        ];
        let mut all: Vec<Vec<u8>> = Vec::new();
        for text in &texts {
            all.push(text.clone().into_bytes());
            // Not UTF-8 after everything else, and a character cut by the end.
            all.push([text.as_bytes(), b"\n\xff"].concat());
            all.push([text.as_bytes(), &"é".as_bytes()[..1]].concat());
            // JSON Lines of the same records.
            all.push(text.replace("},", "}\n").into_bytes());
        }
        for text in &all {
            for step in [1, 3, 7, 64] {
                both_ways(text, false, step);
                both_ways(text, true, step);
            }
        }
    }

    #[test]
    fn an_over_long_record_in_a_file_is_refused_by_its_size() {
        let name = "n".repeat(limits::MAX_DOCUMENT_BYTES);
        let long = format!(r#"{{"user":"a","role":"member","name":"{name}"}}"#);
        let ok = r#"{"user":"b","role":"admin"}"#;
        let array = format!("[{ok},\n{long},\n{ok}]");
        both_ways(array.as_bytes(), false, 70_001);
        let lines = format!("{ok}\n{long}\n{ok}\n");
        both_ways(lines.as_bytes(), true, 70_001);
        let unterminated = format!("[{ok},\n{}", &long[..long.len() - 3]);
        both_ways(unterminated.as_bytes(), false, 70_001);
    }

    #[test]
    fn a_missing_file_or_a_folder_is_a_read_error_naming_the_path() {
        let catalog = Catalog::builtin();
        let missing = std::env::temp_dir().join("studio-permissions-no-such-export.json");
        let Err(ReadError::Io { path, call, source }) =
            Workspace::from_path(&catalog, &missing, Mode::Strict)
        else {
            unreachable!("a missing file is a read error")
        };
        assert_eq!(
            (path, call, source.kind()),
            (missing.clone(), "open", std::io::ErrorKind::NotFound)
        );
        let folder = std::env::temp_dir();
        let Err(e @ ReadError::Io { .. }) = Workspace::from_path(&catalog, &folder, Mode::Strict) else {
            unreachable!("a folder is a read error")
        };
        let ReadError::Io { call, source, .. } = &e else {
            unreachable!("matched above")
        };
        assert_eq!((*call, source.raw_os_error()), ("read", Some(21)), "EISDIR");
        assert!(e
            .to_string()
            .starts_with(&format!("cannot read {}: ", folder.display())));
        assert!(is_json_lines(Path::new("a/b.JSONL")) && is_json_lines(Path::new("x.ndjson")));
        assert!(!is_json_lines(Path::new("x.json")) && !is_json_lines(Path::new("jsonl")));
    }
}
