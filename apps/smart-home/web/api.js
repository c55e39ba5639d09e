/** The dashboard's REST API: the `{data, meta, errors}` envelope unwrapped, errors thrown with their message. */
export async function call(method, path, body, headers = {}) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const envelope = await response.json()
  if (!response.ok) throw new Error(envelope.errors?.[0]?.message ?? `HTTP ${response.status}`)
  return envelope.data
}
