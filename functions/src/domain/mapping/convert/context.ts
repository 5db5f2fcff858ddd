/** Who the record is converted for: their time zone and language decide dates and formatted text. */
export interface ConversionContext {
  /** IANA zone of the requesting user (from usersettings.timezonecode, turned into IANA by the adapter). */
  timeZone: string;
  /** BCP 47 locale of the requesting user (from usersettings.localeid), e.g. fr-FR. */
  locale: string;
  /** The template's name, for the default contract name. */
  templateName?: string;
}
