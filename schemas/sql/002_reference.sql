-- 002_reference.sql: the city's facts from other systems (office registry, tax
-- standing, organised-crime inquiry), imported from CSV by `subsidy-admin import`.
-- Each import replaces a row by its key; the rules read them at decision time.

CREATE TABLE office_registry (
    office_number     text PRIMARY KEY,
    name              text NOT NULL,
    municipality_code text NOT NULL,
    service_types     text[] NOT NULL,
    corporate_number  text NOT NULL,
    state             text NOT NULL CHECK (state IN ('active', 'suspended', 'abolished')),
    state_since       date,
    planned_closure_on date,
    deemed_designation boolean NOT NULL DEFAULT false,
    last_care_service_on date,
    imported_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tax_standing (
    corporate_number text PRIMARY KEY,
    returns_filed    boolean NOT NULL,
    overdue          boolean NOT NULL,
    as_of            date NOT NULL,
    imported_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crime_check (
    corporate_number text PRIMARY KEY,
    member           boolean NOT NULL,
    answered_on      date NOT NULL,
    imported_at      timestamptz NOT NULL DEFAULT now()
);
