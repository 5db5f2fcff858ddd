/** How a user reads dates and times: their language, and the time zone of their Dynamics personal settings. */
export interface DateSettings {
  /** BCP 47 tag for Intl, from the user's language. */
  locale: string;
  /**
   * `userSettings.getTimeZoneOffsetMinutes()`: minutes to add to UTC for the user's Dynamics time
   * zone (which may differ from the browser's); undefined without Xrm (then the browser's zone).
   */
  timeZoneOffsetMinutes?: number;
}
