import { defineCheck } from '../define-check';
import { clientOutboundSecurity } from './catalog';
import { clientOutboundSecurityDiagnosis } from './diagnosis';

export default defineCheck(clientOutboundSecurity, clientOutboundSecurityDiagnosis);
