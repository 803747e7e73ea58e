/** This computer's side of a simulated scenario: what client scripts read and fixes change. */
export interface ClientState {}
