import { type Env, readMqttUrl, readSecret, readString } from '@wired/runtime'

export interface MqttConnectionConfig {
  url: string
  username: string
  password: string
  clientId: string
}

/** The backend's MQTT account (bridge, dashboard): MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD. */
export function readBackendMqtt(env: Env, clientIdKey: string, defaultClientId: string): MqttConnectionConfig {
  return {
    url: readMqttUrl(env),
    username: readString(env, 'MQTT_USERNAME', { default: 'smart-home-backend' }),
    password: readSecret(env, 'MQTT_PASSWORD', { minLength: 12 }),
    clientId: readString(env, clientIdKey, { default: defaultClientId }),
  }
}
