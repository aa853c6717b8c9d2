-- Bulk-loads benchmark claims straight into the claim table (bypassing the service, so no audit events).
-- psql variables: from, to (row numbers of this slice), total (all rows), seed (0..1),
--                 checkers (array literal of existing fact-checker usernames, e.g. '{a,b}'),
--                 submitters (array literal of submitter names)
-- Word lists are inline constants (a table would be detoasted once per row). Statements are built from
-- them with skewed (roughly Zipf-like) picks, so full-text search sees common and rare terms; created_at grows with the row number over the last two years.
SET jit = off;
SELECT setseed(:seed);

WITH words AS NOT MATERIALIZED (SELECT
ARRAY['Springfield','Riverton','Lakeside','Northfield','Kingsport','Brookhaven','Fairview','Westbury','Oakdale',
      'Millbrook','Ashford','Greenville','Harbor City','Maplewood','Cedar Falls','Port Allen','Elmstead','Stonebridge',
      'Redwood','Silverton','Bayview','Clearwater','Dunmore','Eastwick','Foxborough','Glenwood','Hillcrest',
      'Ironwood','Jasper County','Kenwick','Lindale','Marlow','Newbury','Orchard Park','Pinehurst','Quincy',
      'Rosedale','Summerset','Thornbury','Upton','Valemont','Willowdale','Yorkton','Zephyr Hills','Belmont',
      'Castleton','Driftwood','Everton','the capital','the northern region','the south coast','rural areas',
      'the inner city','the suburbs','the border towns','the island','the coalfields','the river valley']::text[] AS places,
ARRAY['unemployment','inflation','violent crime','house prices','rents','average wages','the minimum wage',
      'vaccination rates','measles cases','hospital waiting times','teacher salaries','school funding',
      'carbon emissions','electricity prices','petrol prices','immigration','asylum applications','the national debt',
      'the budget deficit','income tax','corporate tax revenue','police funding','gun deaths','opioid overdoses',
      'homelessness','child poverty','life expectancy','broadband coverage','bus fares','road deaths',
      'air pollution','recycling rates','wind power','solar capacity','coal production','farm subsidies',
      'food prices','foreign aid','defence spending','pension payments','voter turnout','postal voting',
      'economic growth','exports','manufacturing jobs','tourism','water quality','flood damage','wildfires',
      'drought','tuition fees','student debt','youth unemployment','burglaries','knife crime','prison numbers',
      'nurse vacancies','ambulance response times','obesity','smoking rates','alcohol deaths','suicide rates',
      'childcare costs','energy bills','train delays','potholes','council tax','business closures',
      'startup investment','mortgage rates','interest rates','the trade deficit','fish stocks','deforestation',
      'plastic waste','sea levels','heatwave deaths','internet fraud','cyber attacks','hate crimes']::text[] AS topics,
ARRAY['rose','fell','doubled','tripled','dropped','increased','decreased','halved','soared','plummeted',
      'stayed flat','jumped','collapsed','climbed','shrank']::text[] AS changes,
ARRAY['since 2015','last year','in the past decade','under the current government','since the pandemic',
      'in the last five years','since 2010','this year','since the election','in just two years',
      'since the new law passed','over the past twenty years']::text[] AS sinces,
ARRAY['young people','pensioners','nurses','farmers','migrants','small businesses','students','veterans',
      'single parents','doctors','teachers','renters','homeowners','truck drivers','factory workers',
      'families with children','refugees','miners','commuters','graduates']::text[] AS groups,
ARRAY['pensioner','nurse','farmer','student','veteran','teacher','renter','commuter','child','driver',
      'worker','patient','cyclist','tourist','shop owner']::text[] AS singles,
ARRAY['basic groceries','a home','health insurance','childcare','heating','public transport','a car',
      'broadband','medicine','university','rent','school meals']::text[] AS goods,
ARRAY['government','city council','opposition','central bank','health ministry','education ministry',
      'previous government','mayor''s office','European Commission','World Health Organization',
      'statistics office','treasury','police federation','teachers'' union','energy regulator',
      'chamber of commerce','state legislature','governor''s office']::text[] AS orgs,
ARRAY['Europe','the country','the region','North America','the developed world','the state','the OECD',
      'the continent']::text[] AS regions,
ARRAY['city','country','state','county','region','capital']::text[] AS units,
ARRAY['news.example.org','dailypost.example.com','tv.example.net','social.example.com','blog.example.org',
      'radio.example.net','gazette.example.com','video.example.com']::text[] AS outlets,
ARRAY['Senator Maria Lopez','Governor Tom Becker','Mayor Anne Fischer','Health Minister Ravi Patel',
      'a viral Facebook post','a TikTok video','Representative James Carter','Prime Minister Olaf Brandt',
      'an opposition spokesperson','the Chamber of Commerce','a campaign leaflet','Councillor Jane Okafor',
      'Finance Minister Lena Novak','a WhatsApp chain message','President Elena Ruiz','a talk radio host',
      'Union leader Sam Doyle','Education Secretary Paul Meyer','a YouTube channel','an X post',
      'a newspaper column','a television advert','Senator Kwame Mensah','Police Chief Laura Berg',
      'a think tank report','a party press release','an Instagram influencer','Mayor Luis Moreno',
      'Energy Minister Ingrid Holm','an anonymous blog']::text[] AS claimants,
ARRAY['economy','health','crime','climate','education','immigration','elections','energy','housing','budget',
      'transport','environment','jobs','taxes','welfare','security','technology','agriculture','media',
      'covid-19']::text[] AS tags)
INSERT INTO claim (statement, claimant, source_url, claimed_at, language, tags, priority, status,
                   assignee, submitted_by, dismissal_reason, created_at, updated_at, updated_by, version)
SELECT
    left(CASE t.tpl
        WHEN 0 THEN format('%s: %s %s by %s%% %s.', t.place, t.topic, t.change, t.pct, t.since)
        WHEN 1 THEN format('%s has the highest %s of any %s in %s.', t.place, t.topic, t.unit, t.region)
        WHEN 2 THEN format('%s percent of %s in %s cannot afford %s.', t.pct, t.grp, t.place, t.good)
        WHEN 3 THEN format('The %s cut %s funding by %s million %s.', t.org, t.topic, t.amount, t.since)
        WHEN 4 THEN format('%s in %s is at its lowest level since %s.', upper(left(t.topic, 1)) || substr(t.topic, 2), t.place, t.yr)
        WHEN 5 THEN format('More %s left %s %s than in any year since %s.', t.grp, t.place, t.since, t.yr)
        WHEN 6 THEN format('%s spends more on %s than on %s and %s combined.', t.place, t.topic, t.topic2, t.good)
        WHEN 7 THEN format('Under the %s, %s %s while %s %s.', t.org, t.topic, t.change, t.topic2, t.change2)
        WHEN 8 THEN format('Every %s minutes a %s in %s is affected by %s, %s says.', t.mins, t.grp1, t.place,
                           t.topic, t.org)
        ELSE        format('%s %s %s since %s, and %s are paying for it.', upper(left(t.topic2, 1)) || substr(t.topic2, 2), t.change, t.since2,
                           t.yr, t.grp)
    END, 2000),
    t.claimant,
    CASE WHEN t.r_url < 0.8 THEN format('https://%s/%s/%s-%s', t.outlet, t.yr, lower(replace(t.place, ' ', '-')), t.g) END,
    CASE WHEN t.r_url < 0.9 THEN (t.created - (t.r_days * 30)::int * interval '1 day')::date END,
    CASE WHEN t.r_lang < 0.94 THEN 'en' WHEN t.r_lang < 0.97 THEN 'es' ELSE 'de' END,
    array_remove(ARRAY[
        CASE WHEN t.r_tag1 < 0.85 THEN w.tags[1 + t.tag_a] END,
        CASE WHEN t.r_tag2 < 0.35 THEN w.tags[1 + (t.tag_a + 1 + t.tag_b) % array_length(w.tags, 1)] END,
        CASE WHEN t.r_tag3 < 0.05 THEN 'viral' END], NULL),
    CASE WHEN t.r_prio < 0.20 THEN 'LOW' WHEN t.r_prio < 0.80 THEN 'NORMAL'
         WHEN t.r_prio < 0.95 THEN 'HIGH' ELSE 'URGENT' END,
    CASE WHEN t.r_status < 0.70 THEN 'SUBMITTED' WHEN t.r_status < 0.90 THEN 'RESEARCHING' ELSE 'DISMISSED' END,
    CASE WHEN t.r_status >= 0.70 AND t.r_status < 0.90
         THEN t.checkers[1 + floor(t.r_assignee * array_length(t.checkers, 1))::int] END,
    t.submitter,
    CASE WHEN t.r_status >= 0.90 THEN (ARRAY['Opinion, not a checkable factual claim.',
                                             'Duplicate of an earlier claim.',
                                             'Out of scope: not a public statement.',
                                             'Too vague to verify.'])[1 + floor(t.r_reason * 4)::int] END,
    t.created,
    t.created + (t.r_days * 3) * interval '1 day',
    CASE WHEN t.r_status < 0.70 THEN t.submitter
         WHEN t.r_status < 0.90 THEN t.checkers[1 + floor(t.r_assignee * array_length(t.checkers, 1))::int]
         ELSE 'admin' END,
    CASE WHEN t.r_status < 0.70 THEN 0 ELSE 1 + floor(t.r_reason * 3)::int END
FROM (
    SELECT s.g, s.created, s.r_url, s.r_days, s.r_lang, s.r_tag1, s.r_tag2, s.r_tag3, s.r_prio,
           s.r_status, s.r_assignee, s.r_submitter, s.r_reason,
           floor(s.r_tpl * 10)::int AS tpl,
           floor(s.r_taga * array_length(w.tags, 1))::int AS tag_a,
           floor(s.r_tagb * (array_length(w.tags, 1) - 1))::int AS tag_b,
           w.places[1 + floor(power(s.r1, 2) * array_length(w.places, 1))::int] AS place,
           w.topics[1 + floor(power(s.r2, 2) * array_length(w.topics, 1))::int] AS topic,
           w.topics[1 + floor(power(s.r3, 1.5) * array_length(w.topics, 1))::int] AS topic2,
           w.changes[1 + floor(s.r4 * array_length(w.changes, 1))::int] AS change,
           w.changes[1 + floor(s.r5 * array_length(w.changes, 1))::int] AS change2,
           w.sinces[1 + floor(s.r6 * array_length(w.sinces, 1))::int] AS since,
           w.sinces[1 + floor(s.r7 * array_length(w.sinces, 1))::int] AS since2,
           w.groups[1 + floor(power(s.r8, 1.5) * array_length(w.groups, 1))::int] AS grp,
           w.singles[1 + floor(s.r8 * array_length(w.singles, 1))::int] AS grp1,
           w.goods[1 + floor(s.r9 * array_length(w.goods, 1))::int] AS good,
           w.orgs[1 + floor(power(s.r10, 1.5) * array_length(w.orgs, 1))::int] AS org,
           w.regions[1 + floor(s.r11 * array_length(w.regions, 1))::int] AS region,
           w.units[1 + floor(s.r12 * array_length(w.units, 1))::int] AS unit,
           w.outlets[1 + floor(s.r12 * array_length(w.outlets, 1))::int] AS outlet,
           w.claimants[1 + floor(power(s.r13, 2) * array_length(w.claimants, 1))::int] AS claimant,
           (2 + floor(power(s.r4, 2) * 88))::int AS pct,
           (5 + floor(s.r5 * 995))::int AS amount,
           (1990 + floor(s.r6 * 34))::int AS yr,
           (2 + floor(s.r7 * 58))::int AS mins,
           :'checkers'::text[] AS checkers,
           (:'submitters'::text[])[1 + floor(s.r_submitter * array_length(:'submitters'::text[], 1))::int] AS submitter
    FROM (
        SELECT g,
               now() - interval '730 days' * (1 - g::float8 / :total) + interval '1 second' * random() AS created,
               random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
               random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11,
               random() AS r12, random() AS r13, random() AS r_tpl, random() AS r_url, random() AS r_days,
               random() AS r_lang, random() AS r_tag1, random() AS r_tag2, random() AS r_tag3,
               random() AS r_taga, random() AS r_tagb, random() AS r_prio, random() AS r_status,
               random() AS r_assignee, random() AS r_submitter, random() AS r_reason
        FROM generate_series(:from, :to) AS g
    ) s, words w
) t, words w;
