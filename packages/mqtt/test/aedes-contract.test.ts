import { createMqttBroker, topicAcl } from '../src'
import { authenticateAccount, CONTRACT_RULES } from './accounts'
import { describeBrokerContract } from './broker-contract'

describeBrokerContract('aedes', async () => {
  const acl = topicAcl(CONTRACT_RULES)
  return createMqttBroker({
    port: 0,
    authenticate: authenticateAccount,
    authorizePublish: acl.authorizePublish,
    authorizeSubscribe: acl.authorizeSubscribe,
  })
})
