import { defineCheck } from '../define-check';
import { clientNetwork } from './catalog';
import { clientNetworkDiagnosis } from './diagnosis';

export default defineCheck(clientNetwork, clientNetworkDiagnosis);
