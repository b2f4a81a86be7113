//! Member resolution (docs/reference.md#resolution) and the parent rule it
//! implies (the same page's #validation and #changes).
//! These few functions are the whole inheritance logic; everything else reads
//! the levels they compute.

use crate::catalog::Catalog;
use crate::error::Error;
use crate::vocab::Level;
use rustc_hash::FxHashMap;

/// The effective level of every node for a member, in catalog order.
///
/// A root takes what it stores or `none`; a child under `none` is `none`; a
/// child takes the lower of its parent's level and what it stores; a child
/// storing nothing inherits. Parents precede children, so one pass suffices.
pub(crate) fn member_levels(catalog: &Catalog, stored: &[Option<Level>]) -> Vec<Level> {
    // Never `None` when breaches are not refused.
    walk(catalog, stored, false).unwrap_or_default()
}

/// The one pass behind [`member_levels`] and
/// [`member_levels_within_parents`]: `None` at the first breach of the
/// parent rule when `refuse_excess`.
#[inline(always)]
fn walk(catalog: &Catalog, stored: &[Option<Level>], refuse_excess: bool) -> Option<Vec<Level>> {
    let mut levels: Vec<Level> = Vec::with_capacity(catalog.len());
    for (index, node) in catalog.nodes().iter().enumerate() {
        let own = stored.get(index).copied().flatten();
        let level = match node.parent().and_then(|p| levels.get(p).copied()) {
            None => own.unwrap_or(Level::None),
            Some(Level::None) => Level::None,
            Some(parent) => match own {
                Some(own) if refuse_excess && own > parent => return None,
                own => own.map_or(parent, |own| own.min(parent)),
            },
        };
        levels.push(level);
    }
    Some(levels)
}

/// The parent's effective level when node `index` stores more than it and the
/// parent is not `none`: a breach of "never less restrictive than the parent".
fn excess(
    catalog: &Catalog,
    stored: &[Option<Level>],
    levels: &[Level],
    index: usize,
) -> Option<(usize, Level)> {
    let own = stored.get(index).copied().flatten()?;
    let parent = catalog.node_at(index)?.parent()?;
    let parent_level = levels.get(parent).copied()?;
    (parent_level != Level::None && own > parent_level).then_some((parent, parent_level))
}

/// [`member_levels`], or `None` as soon as a node stores more than its
/// parent's level where that is not `none` (a breach of the parent rule,
/// which [`first_excess`] or [`clamp`] then words): one pass for both.
pub(crate) fn member_levels_within_parents(
    catalog: &Catalog,
    stored: &[Option<Level>],
) -> Option<Vec<Level>> {
    walk(catalog, stored, true)
}

/// The first breach of the parent rule among `ids`, in their order.
pub(crate) fn first_excess<'a>(
    catalog: &Catalog,
    stored: &[Option<Level>],
    ids: impl IntoIterator<Item = &'a str>,
) -> Option<Error> {
    let levels = member_levels(catalog, stored);
    ids.into_iter()
        .find_map(|id| excess_error(catalog, stored, &levels, id))
}

/// Every breach of the parent rule among `ids`, in their order.
pub(crate) fn every_excess<'a>(
    catalog: &Catalog,
    stored: &[Option<Level>],
    ids: impl IntoIterator<Item = &'a str>,
) -> Vec<Error> {
    let levels = member_levels(catalog, stored);
    ids.into_iter()
        .filter_map(|id| excess_error(catalog, stored, &levels, id))
        .collect()
}

fn excess_error(catalog: &Catalog, stored: &[Option<Level>], levels: &[Level], id: &str) -> Option<Error> {
    let index = catalog.lookup(id)?;
    let (parent, parent_level) = excess(catalog, stored, levels, index)?;
    Some(Error::SubsectionExceedsParent {
        id: id.to_string(),
        level: stored.get(index).copied().flatten()?,
        parent: catalog.node_at(parent)?.id().to_string(),
        parent_level,
    })
}

/// One node's effective level for a member storing only `stored` (a sparse
/// map, as a preset is): a walk up its ancestors, so checking a preset costs
/// its entries times the depth, not the size of the catalog.
fn sparse_level(catalog: &Catalog, stored: &FxHashMap<usize, Level>, index: usize) -> Level {
    let mut chain = Vec::new();
    let mut at = Some(index);
    while let Some(i) = at {
        chain.push(i);
        at = catalog.node_at(i).and_then(|n| n.parent());
    }
    let mut level: Option<Level> = None;
    for i in chain.iter().rev() {
        let own = stored.get(i).copied();
        level = Some(match level {
            None => own.unwrap_or(Level::None),
            Some(Level::None) => Level::None,
            Some(parent) => own.map_or(parent, |own| own.min(parent)),
        });
    }
    level.unwrap_or(Level::None)
}

/// [`first_excess`] for a sparse map of stored levels.
pub(crate) fn first_excess_sparse<'a>(
    catalog: &Catalog,
    stored: &FxHashMap<usize, Level>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Option<Error> {
    ids.into_iter().find_map(|id| {
        let index = catalog.lookup(id)?;
        let own = stored.get(&index).copied()?;
        let parent = catalog.node_at(index)?.parent()?;
        let parent_level = sparse_level(catalog, stored, parent);
        (parent_level != Level::None && own > parent_level).then(|| Error::SubsectionExceedsParent {
            id: id.to_string(),
            level: own,
            parent: catalog
                .node_at(parent)
                .map(|p| p.id().to_string())
                .unwrap_or_default(),
            parent_level,
        })
    })
}

/// A child lowered to its parent's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clamp {
    pub index: usize,
    pub from: Level,
    pub to: Level,
}

/// Lowers, in catalog order, every node in `range` that stores more than its
/// parent's effective level (where that is not `none`). Lowering a node to
/// its parent's level leaves its own effective level unchanged, so the levels
/// computed once before the pass stay right for its children.
pub(crate) fn clamp(
    catalog: &Catalog,
    stored: &mut [Option<Level>],
    range: std::ops::Range<usize>,
) -> Vec<Clamp> {
    let levels = member_levels(catalog, stored);
    let mut clamps = Vec::new();
    for index in range {
        if let Some((_, to)) = excess(catalog, stored, &levels, index) {
            if let Some(slot) = stored.get_mut(index) {
                if let Some(from) = slot.replace(to) {
                    clamps.push(Clamp { index, from, to });
                }
            }
        }
    }
    clamps
}
