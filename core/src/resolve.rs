//! Member resolution (SPEC §4) and the parent rule it implies (SPEC §5, §6).
//! These few functions are the whole inheritance logic; everything else reads
//! the levels they compute.

use crate::catalog::Catalog;
use crate::error::Error;
use crate::vocab::Level;

/// The effective level of every node for a member, in catalog order.
///
/// A root takes what it stores or `none`; a child under `none` is `none`; a
/// child takes the lower of its parent's level and what it stores; a child
/// storing nothing inherits. Parents precede children, so one pass suffices.
pub(crate) fn member_levels(catalog: &Catalog, stored: &[Option<Level>]) -> Vec<Level> {
    let mut levels: Vec<Level> = Vec::with_capacity(catalog.len());
    for (index, node) in catalog.nodes().iter().enumerate() {
        let own = stored.get(index).copied().flatten();
        let level = match node.parent().and_then(|p| levels.get(p).copied()) {
            None => own.unwrap_or(Level::None),
            Some(Level::None) => Level::None,
            Some(parent) => own.map_or(parent, |own| own.min(parent)),
        };
        levels.push(level);
    }
    levels
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

/// A child lowered to its parent's level.
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
