import http from 'node:http'
/**
 * Node's own HTTP/1.1 client with a keep-alive agent: connections are reused, and at most
 * `concurrency` are open. Shared by the REST and GraphQL clients.
 */
export function createHttp1Poster(port: number, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const post = (path: string, body: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body)
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString()
            if (response.statusCode !== 200) reject(new Error(`POST ${path}: HTTP ${response.statusCode} ${text}`))
            else resolve(JSON.parse(text))
          })
          response.on('error', reject)
        },
      )
      request.on('error', reject)
      request.end(payload)
    })
  return { post, close: async () => agent.destroy() }
}

export function getJson(port: number, path: string, agent: http.Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          if (response.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${response.statusCode} ${text}`))
          else resolve(JSON.parse(text))
        })
        response.on('error', reject)
      })
      .on('error', reject)
  })
}
