import { defineCheck } from '../define-check';
import { clientUdp } from './catalog';
import { clientUdpDiagnosis } from './diagnosis';

export default defineCheck(clientUdp, clientUdpDiagnosis);
