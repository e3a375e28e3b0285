from typing import List

from mage_integrations.connections.base import Connection as BaseConnection


class Connection(BaseConnection):
    def execute(self, query_strings: List[str]) -> List[List[tuple]]:
        connection = self.build_connection()
        data = []
        with connection.cursor() as cursor:
            for query in query_strings:
                cursor.execute(query)
                data.append(cursor.fetchall())
        connection.close()
        return data

    def load(self, query_string: str) -> List[tuple]:
        return self.execute([query_string])[0]
