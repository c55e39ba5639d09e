/** Version history: the versions the api lists, each rebuilt from a snapshot + the Kafka log on click. */
const $ = (id) => document.getElementById(id)

export function showHistory(button, currentDoc, api) {
  button.onclick = async () => {
    const current = currentDoc()
    const { headRevision, snapshots } = await api(
      'GET',
      `/v1/documents/${current.docId}/versions`,
      undefined,
      'list versions',
    )
    $('head-revision').textContent =
      `logged up to revision ${headRevision}; snapshots at ${snapshots.map((s) => s.revision).join(', ') || 'none yet'}`
    const revisions = [
      ...new Set([headRevision, ...snapshots.map((s) => s.revision), Math.floor(headRevision / 2)]),
    ].filter((r) => r > 0)
    $('versions').replaceChildren(
      ...revisions.map((revision) => {
        const li = document.createElement('li')
        li.textContent = `revision ${revision}`
        li.dataset.revision = String(revision)
        li.onclick = async () => {
          const version = await api(
            'GET',
            `/v1/documents/${current.docId}/versions/${revision}`,
            undefined,
            `rebuild revision ${revision}`,
          )
          $('version-text').textContent = version.text
          $('version-text').dataset.revision = String(revision)
        }
        return li
      }),
    )
  }
}
