/**
 * The Users page's words in one place, shaped as its section of the dashboard's translation
 * catalog, so moving them there is a copy, not a hunt.
 */
export const usersText = {
  title: "Users",
  subtitle: "Who can sign in, with which role. Changes apply to open sessions at once.",
  adminsOnly: "Only admins manage users",
  adminsOnlyBody: "Ask an admin to change roles, disable accounts or reset passwords.",
  loading: "Reading users…",
  couldNotRead: "Could not read the users",
  empty: "No users yet",
  count: "{{count}} users",
  showMore: "Show more",
  you: "you",
  columns: {
    person: "Person",
    role: "Role",
    status: "Status",
    failedSignIns: "Recent failed sign-ins",
    actions: "Actions",
  },
  roleOf: "Role of {{email}}",
  enabled: "Enabled",
  disabledSince: "Disabled {{when}}",
  noFailures: "None in {{days}} days",
  failures: "{{count}} in {{days}} days · last {{when}}",
  fromClients: "from {{clients}}",
  disable: "Disable",
  enable: "Enable",
  signOutEverywhere: "Sign out everywhere",
  resetPassword: "Reset password",
  newPasswordFor: "New password for {{email}}",
  save: "Set password",
  cancel: "Cancel",
  working: "Working…",
  disabledDone: "{{email}} is disabled: their sessions and API keys stopped working.",
  enabledDone: "{{email}} can sign in again.",
  roleDone: "{{email}} is now {{role}}.",
  signedOutDone: "{{email}} was signed out of {{count}} session(s).",
  passwordDone: "New password set for {{email}}; {{count}} session(s) ended.",
} as const;

/** `{{name}}` interpolation, as the catalog's translator does it. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
