import { defineCheck } from '../define-check';
import { serverFirewall } from './catalog';
import { serverFirewallDiagnosis } from './diagnosis';

export default defineCheck(serverFirewall, serverFirewallDiagnosis);
