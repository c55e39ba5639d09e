/**
 * The names a hop carries: one span per hop, tagged so the wire panel can draw it without knowing
 * the scenario. OpenTelemetry's semantic-convention names are used where one exists (a reader who
 * opens the same trace in Zipkin or Jaeger sees familiar keys); `wire.*` names fill the gaps.
 * Exported to Zipkin as string tags.
 */
export const HOP = {
  /** Which protocol crossed the wire: one of PROTOCOLS. */
  protocol: 'wire.protocol',
  /** A short label: frame type, RPC method, topic, Redis command, MQTT topic, SQL verb + table. */
  name: 'wire.name',
  /** The other side, when it is not a traced service: 'browser', 'kafka', 'redis', 'postgres', 'mqtt'. */
  peer: 'wire.peer',
  /** Bytes of the payload on the wire (frame, message, record value, command arguments). */
  bytes: 'wire.bytes',
  /** The payload as readable JSON (protobuf decoded), cut at PAYLOAD_PREVIEW_CHARS. */
  payload: 'wire.payload',
  /** The service that made the hop; also the Zipkin localEndpoint. */
  service: 'service.name',
} as const

export const PROTOCOLS = ['ws', 'http', 'grpc', 'kafka', 'redis', 'mqtt', 'sql', 'udp', 'tcp'] as const
export type Protocol = (typeof PROTOCOLS)[number]

/** Protocol-specific tags (OpenTelemetry semantic conventions). */
export const TAG = {
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  rpcMethod: 'rpc.method',
  rpcService: 'rpc.service',
  grpcStatus: 'rpc.grpc.status_code',
  /** The deadline the caller set, in ms from the start of the call. */
  grpcDeadlineMs: 'wire.grpc.deadline_ms',
  topic: 'messaging.destination.name',
  partition: 'messaging.kafka.destination.partition',
  offset: 'messaging.kafka.offset',
  key: 'messaging.kafka.message.key',
  consumerGroup: 'messaging.consumer.group.name',
  mqttQos: 'messaging.mqtt.qos',
  dbSystem: 'db.system',
  dbStatement: 'db.query.text',
  redisChannel: 'wire.redis.channel',
  wsFrameType: 'wire.ws.frame_type',
  /** Who a WS frame went to (a user id), for frames the server pushes. */
  wsRecipient: 'wire.ws.recipient',
} as const

/** Payload previews are cut here: enough to read a chat message or a GPS fix, bounded for any input. */
export const PAYLOAD_PREVIEW_CHARS = 2_048
