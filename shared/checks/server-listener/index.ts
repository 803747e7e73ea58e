import { defineCheck } from '../define-check';
import { serverListener } from './catalog';
import { serverListenerDiagnosis } from './diagnosis';

export default defineCheck(serverListener, serverListenerDiagnosis);
