/**
 * A CLM link as people see it (connector-api.md, the link rule): `clmUrl` comes from CLM data, so it
 * is rendered as a link only when it is https (http on a loopback host, the local sandbox) on the
 * origin of `dtclm_clm_url`, the CLM web address the admin set. Anything else (`data:`,
 * `javascript:`, `vbscript:`, another site, a CLM address not set) is shown as text, never as a link:
 * a link that looks like the CLM's must lead to the CLM.
 */
import { Link, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { clmHref } from './clm-href';
import { readEnvironmentVariables } from './environment';

/** The environment variable holding the CLM's web address (dataverse-model.md). */
const CLM_URL_VARIABLE = 'dtclm_clm_url';

// Read once per page: the CLM's address does not change while a page is open.
let clmWebUrl: Promise<string | undefined> | undefined;
function readClmWebUrl(): Promise<string | undefined> {
  clmWebUrl ??= readEnvironmentVariables([CLM_URL_VARIABLE]).then(
    (vars) => vars[CLM_URL_VARIABLE],
    () => {
      clmWebUrl = undefined; // try again at the next render that needs it
      return undefined;
    },
  );
  return clmWebUrl;
}

/** A link to the CLM when `url` is on its origin; the address as text otherwise (and while the CLM's address is read). */
export function ClmLink(props: { url: string; children: ReactNode }) {
  const [clmUrl, setClmUrl] = useState<string | undefined | null>(null);
  useEffect(() => {
    let live = true;
    void readClmWebUrl().then((u) => live && setClmUrl(u));
    return () => {
      live = false;
    };
  }, []);
  const href = clmUrl === null ? undefined : clmHref(props.url, clmUrl);
  if (href) {
    return (
      <Link href={href} target="_blank" rel="noopener noreferrer">
        {props.children}
      </Link>
    );
  }
  if (clmUrl === null) return <Text>{props.children}</Text>;
  return (
    <Text data-untrusted-link="" style={{ color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' }}>
      {props.children} (not a DiliTrust CLM address, not opened): {props.url}
    </Text>
  );
}
