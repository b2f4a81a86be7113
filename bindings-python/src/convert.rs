//! Core values to the Python records of `studio_permissions._types`.

use crate::host::host;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use studio_permissions::{Capability, Catalog, Cluster, Diff, Explanation, LevelChange, Problem, Warning};

/// Every node of a catalog as a `Node` record, in catalog order.
pub(crate) fn nodes<'py>(py: Python<'py>, catalog: &Catalog) -> PyResult<Bound<'py, PyTuple>> {
    let host = host(py)?;
    let class = host.node.bind(py);
    let all = catalog.nodes();
    let id_at = |i: usize| all.get(i).map(|n| n.id());
    let mut out = Vec::with_capacity(all.len());
    for node in all {
        let parent = node.parent().and_then(id_at);
        let children: Vec<&str> = node.children().iter().filter_map(|&i| id_at(i)).collect();
        let children = PyTuple::new(py, children)?;
        out.push(class.call1((
            node.id(),
            node.name(),
            node.description(),
            parent,
            children,
            node.depth(),
        ))?);
    }
    PyTuple::new(py, out)
}

pub(crate) fn capability<'py>(py: Python<'py>, capability: &Capability) -> PyResult<Bound<'py, PyAny>> {
    let host = host(py)?;
    let roles = PyTuple::new(py, capability.roles().iter().map(|&r| host.role(py, r)))?;
    let clusters = match capability.clusters() {
        Some(clusters) => Some(PyTuple::new(py, clusters.iter().map(|&c| host.cluster(py, c)))?),
        None => None,
    };
    host.capability
        .bind(py)
        .call1((capability.name(), roles, clusters))
}

pub(crate) fn warning<'py>(py: Python<'py>, warning: &Warning) -> PyResult<Bound<'py, PyAny>> {
    let host = host(py)?;
    host.warning
        .bind(py)
        .call1((warning.code(), warning.path(), warning.to_string()))
}

pub(crate) fn explanation<'py>(py: Python<'py>, e: &Explanation) -> PyResult<Bound<'py, PyAny>> {
    let host = host(py)?;
    let link_class = host.chain_link.bind(py);
    let mut chain = Vec::with_capacity(e.chain.len());
    for link in &e.chain {
        let stored = link.stored.map(|l| host.level(py, l));
        chain.push(link_class.call1((link.id.as_str(), stored, host.level(py, link.level)))?);
    }
    let args = (
        e.id.as_str(),
        host.action(py, e.action),
        host.role(py, e.role),
        e.allowed,
        host.level(py, e.level),
        host.level(py, e.required),
        host.reason(py, e.reason),
        PyTuple::new(py, chain)?,
        e.to_string(),
    );
    host.explanation.bind(py).call1(args)
}

pub(crate) fn diff<'py>(
    py: Python<'py>,
    diff: &Diff,
    cluster: Cluster,
    nodes: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let host = host(py)?;
    let levels = level_changes(py, &diff.levels)?;
    let role = match diff.role {
        Some((a, b)) => Some(PyTuple::new(py, [host.role(py, a), host.role(py, b)])?),
        None => None,
    };
    let capability_change = host.capability_change.bind(py);
    let mut capabilities = Vec::with_capacity(diff.capabilities.len());
    for c in &diff.capabilities {
        capabilities.push(capability_change.call1((c.name.as_str(), c.before, c.after))?);
    }
    host.diff.bind(py).call1((
        levels,
        role,
        PyTuple::new(py, capabilities)?,
        host.cluster(py, cluster),
        diff.summary(nodes),
        level_changes(py, diff.escalations())?,
        level_changes(py, diff.reductions())?,
        diff.to_html(nodes, cluster),
    ))
}

/// `LevelChange` records, in the order given.
pub(crate) fn level_changes<'py, 'a>(
    py: Python<'py>,
    changes: impl IntoIterator<Item = &'a LevelChange>,
) -> PyResult<Bound<'py, PyTuple>> {
    let host = host(py)?;
    let class = host.level_change.bind(py);
    let mut out = Vec::new();
    for c in changes {
        out.push(class.call1((
            c.id.as_str(),
            host.level(py, c.before),
            host.level(py, c.after),
            c.direction.as_str(),
        ))?);
    }
    PyTuple::new(py, out)
}

/// A `Problem` record: one record of an export that was skipped or warned about.
pub(crate) fn problem<'py>(py: Python<'py>, p: &Problem) -> PyResult<Bound<'py, PyAny>> {
    host(py)?.problem.bind(py).call1((
        p.line,
        p.user.as_deref(),
        p.code,
        p.path.as_deref(),
        p.message.as_str(),
        p.fatal,
        p.record,
    ))
}

/// `ClusterCapabilityChange` records, in the order given.
pub(crate) fn cluster_capability_changes<'py>(
    py: Python<'py>,
    changes: &[studio_permissions::ClusterCapabilityChange],
) -> PyResult<Bound<'py, PyTuple>> {
    let host = host(py)?;
    let class = host.cluster_capability_change.bind(py);
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        out.push(class.call1((
            c.name.as_str(),
            host.cluster(py, c.cluster),
            c.before,
            c.after,
            c.direction.as_str(),
        ))?);
    }
    PyTuple::new(py, out)
}
