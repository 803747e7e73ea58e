import { defineCheck } from '../define-check';
import { serverRdpEvents } from './catalog';
import { serverRdpEventsDiagnosis } from './diagnosis';

export default defineCheck(serverRdpEvents, serverRdpEventsDiagnosis);
