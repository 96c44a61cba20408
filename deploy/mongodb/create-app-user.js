// Run once by the mongo image on the first start (docker-entrypoint-initdb.d): the query side's own user, which may
// read and write its read models in database healthmed and nothing else. The root user stays with the operators.
db.getSiblingDB('admin').createUser({
  user: 'healthmed',
  pwd: process.env.MONGODB_APP_PASSWORD,
  roles: [{ role: 'readWrite', db: 'healthmed' }]
});
