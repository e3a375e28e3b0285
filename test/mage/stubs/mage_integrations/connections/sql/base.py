from typing import List

from mage_integrations.connections.base import Connection as BaseConnection


class Connection(BaseConnection):
    def close_connection(self, connection) -> None:
        connection.close()

    def execute(self, query_strings: List[str], commit: bool = False) -> List[List[tuple]]:
        connection = self.build_connection()
        data = []
        with connection.cursor() as cursor:
            for query in query_strings:
                cursor.execute(query)
                if cursor.description:
                    data.append(cursor.fetchall())
        if commit:
            connection.commit()
        self.close_connection(connection)
        return data

    def load(self, query_string: str) -> List[tuple]:
        self.info("Load started.", tags=self.build_tags(query=query_string))
        return self.execute([query_string])[0]
