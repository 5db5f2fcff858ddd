/**
 * How Dataverse refuses a solution: the import fails whole, and its log names the component and
 * says why. Dataverse answers such a failure with an error code (for missing dependencies
 * -2147188707, 0x8004801D, with the message "The following solution cannot be imported: <name>.
 * Some dependencies are missing. The missing dependencies are : <MissingDependencies>..."), as the
 * import log Microsoft shows in its docs carries it (SolutionValidationResultType Error). The other
 * refusals use the same shape; where no article gives Dataverse's wording, the message is ours and
 * says so in the rule's comment.
 */
export class SolutionImportError extends Error {
  constructor(
    /** Dataverse's error code (hex, as the Web API's error.code). */
    readonly code: string,
    /** The component refused, e.g. `EntityRelationship dtclm_quote_dtclm_contract`, `Role Dilitrust CLM Admin`. */
    readonly component: string,
    message: string,
  ) {
    super(message);
    this.name = 'SolutionImportError';
  }
}

/**
 * Error codes of the refusals. Only the missing-dependencies code is documented for an import
 * (Microsoft's import log above). For the others no article gives the import's code, so the
 * emulator uses Dataverse's general ones: ObjectDoesNotExist (0x80040217) for a privilege the
 * organization does not have, InvalidArgument (0x80040203) for a relationship or a depth the
 * platform does not allow and for a package that is not a solution.
 */
export const IMPORT_ERROR = {
  missingDependencies: '0x8004801D',
  cascadingRelationship: '0x80040203',
  privilegeNotFound: '0x80040217',
  invalidPrivilegeDepth: '0x80040203',
  invalidPackage: '0x80040203',
} as const;
