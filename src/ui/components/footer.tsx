/** The attribution DB-IP's licence (CC BY 4.0) requires wherever its geolocation is shown. */
export function Footer() {
  return (
    <footer className="footer">
      <p>
        IP geolocation by{' '}
        <a href="https://db-ip.com" rel="noreferrer noopener" target="_blank">
          DB-IP
        </a>
        , licensed under{' '}
        <a
          href="https://creativecommons.org/licenses/by/4.0/"
          rel="noreferrer noopener"
          target="_blank"
        >
          CC BY 4.0
        </a>
        . Vigil handles hashes and metadata only; it never stores or shows imagery.
      </p>
    </footer>
  );
}
