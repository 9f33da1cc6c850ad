// The JSON API, as the page uses it. Errors come back in one envelope: {error: {code, message}}.

export class ApiError extends Error {
  constructor(code, message) {
    super(`[${code}] ${message}`);
    this.code = code;
  }
}

export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body && body.error) || { code: String(response.status), message: response.statusText };
    throw new ApiError(error.code, error.message);
  }
  return body;
}

let families = null;

/** Type -> {family, colour}, from the shipped type-families.json. */
export async function typeFamilies() {
  if (!families) {
    const data = await getJson("/static/type-families.json");
    families = { byType: new Map(), list: data.families, other: data.other };
    for (const family of data.families) {
      for (const type of family.types) families.byType.set(type, family);
    }
  }
  return families;
}

export function familyOf(type) {
  return (families && families.byType.get(type)) || (families && families.other) || { name: "other", colour: "#777" };
}
