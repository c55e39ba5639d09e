/** The wire panel every scenario page embeds (packages/wire/web/panel.js), bundled into app.js. */
declare module '@wired/wire/web/panel.js' {
  export interface WirePanel {
    /** A traceparent for an action about to happen; the panel follows its trace. */
    begin(label: string): string
    /** Follows a trace someone else started (a message that arrived). */
    follow(traceId: string, label: string): void
    clear(): void
  }
  export function createWirePanel(container: HTMLElement, options?: { tracesUrl?: string }): WirePanel
}
