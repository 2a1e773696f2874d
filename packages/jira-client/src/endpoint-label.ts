import { PATH_TEMPLATES } from "./generated/endpoints.js";

interface Template {
  label: string;
  segments: readonly string[];
  literals: number;
}

/**
 * Labels requests by the spec operation they call (`GET /rest/api/3/issue/{issueIdOrKey}`), so
 * counts group by endpoint whatever the base path (`/ex/jira/{cloudId}`) or the ids in the URL.
 * Among matching templates the one with the most literal segments wins (`/issue/bulk` over
 * `/issue/{issueIdOrKey}`).
 */
export function createEndpointLabeler(fallback: (request: Request) => string): (request: Request) => string {
  const templates: Template[] = PATH_TEMPLATES.map((label) => {
    const segments = label.split("/");
    return { label, segments, literals: segments.filter((s) => !s.startsWith("{")).length };
  }).sort((a, b) => b.literals - a.literals);
  return (request) => {
    const { pathname } = new URL(request.url);
    const at = pathname.indexOf("/rest/api/3/");
    if (at === -1) return fallback(request);
    const segments = pathname.slice(at).split("/");
    for (const t of templates) {
      if (t.segments.length !== segments.length) continue;
      if (t.segments.every((s, i) => s.startsWith("{") || s === segments[i]))
        return `${request.method} ${t.label}`;
    }
    return fallback(request);
  };
}
