// The page's buttons, each guarded by the decision it needs from the view.
export const ACTIONS = [
  { label: 'New FAQ', id: 'knowledge.faqs', action: 'create' },
  { label: 'Delete source', id: 'knowledge.sources', action: 'delete' },
  { label: 'Edit KPI', id: 'analytics.kpis', action: 'edit' },
  { label: 'Promote deployment', id: 'deployments.environments', action: 'edit' },
  { label: 'Invite users', capability: 'users.manage' },
  { label: 'Studio Assistant', capability: 'studio_assistant.use', cluster: 'enterprise' },
];
