import { describeBrokerContract } from './broker-contract'
import { startMosquitto } from './mosquitto'

// The real-infra half: Debian's Mosquitto, configured from mosquitto/ to mirror the aedes setup.
describeBrokerContract('mosquitto', startMosquitto)
