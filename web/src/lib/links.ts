/** Where a record of a given type is shown in the app (search hits and notifications point there). */
export function recordPath(type: string, id: string, domain?: string): string | null {
  const e = encodeURIComponent(id);
  switch (type) {
    case 'unit':
    case 'registry-unit':
      return `/registry/units/${e}`;
    case 'person':
    case 'registry-person':
      return `/registry/persons/${e}`;
    case 'incident':
      return `/incidents/${e}`;
    case 'support-request':
    case 'hrddp-request':
    case 'hrddp-measure':
    case 'request':
      return `/hrddp/requests/${e}`;
    case 'review':
    case 'hrddp-review':
      return `/hrddp/reviews/${e}`;
    case 'screening':
    case 'screening-run':
      return `/screening/runs/${e}`;
    default:
      if (domain === 'hrddp') return `/hrddp/requests/${e}`;
      if (domain === 'incidents') return `/incidents/${e}`;
      return null;
  }
}
