-- Whether a TLS trunk's certificate is checked (trust store and host name). Existing trunks keep
-- the checks: only an operator can switch them off for a provider with a broken certificate.
alter table trunk
    add column tls_verify boolean not null default true;
