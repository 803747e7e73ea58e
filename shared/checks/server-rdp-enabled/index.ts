import { defineCheck } from '../define-check';
import { serverRdpEnabled } from './catalog';
import { serverRdpEnabledDiagnosis } from './diagnosis';

export default defineCheck(serverRdpEnabled, serverRdpEnabledDiagnosis);
